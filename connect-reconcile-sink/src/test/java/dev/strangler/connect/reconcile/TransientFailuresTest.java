package dev.strangler.connect.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransientFailuresTest {

    @ParameterizedTest(name = "SQLSTATE {0} -> transient={1}")
    @CsvSource({"08006, true", "08001, true", "40001, true", "40P01, true", "57P01, true", "53300, true",
            "42P01, false", "42703, false", "23505, false", "22P02, false"})
    void classifiesBySqlStateAnywhereInTheCauseChain(String state, boolean transientFailure) {
        SQLException failure = new SQLException("x", state);

        assertThat(TransientFailures.isTransient(failure)).isEqualTo(transientFailure);
        assertThat(TransientFailures.isTransient(new RuntimeException(failure))).isEqualTo(transientFailure);
    }

    @ParameterizedTest
    @CsvSource({"true"})
    void transientExceptionTypesAreTransient(boolean expected) {
        assertThat(TransientFailures.isTransient(new SQLTransientConnectionException("gone"))).isEqualTo(expected);
    }
}
