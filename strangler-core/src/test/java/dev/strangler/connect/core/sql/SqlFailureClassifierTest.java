package dev.strangler.connect.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlFailureClassifierTest {

    @ParameterizedTest(name = "SQLSTATE {0} -> {1}")
    @CsvSource({
            // connection exceptions and server restarts
            "08000, TRANSIENT", "08001, TRANSIENT", "08003, TRANSIENT", "08006, TRANSIENT", "57P01, TRANSIENT",
            "57P02, TRANSIENT", "57P03, TRANSIENT",
            // transaction rollbacks: serialization failure, deadlock
            "40001, TRANSIENT", "40P01, TRANSIENT", "40002, TRANSIENT",
            // resources and locks
            "53300, TRANSIENT", "55P03, TRANSIENT", "57014, TRANSIENT",
            // one row's data
            "23505, BAD_ROW", "23503, BAD_ROW", "23502, BAD_ROW", "23514, BAD_ROW", "22001, BAD_ROW", "22003, BAD_ROW",
            "22P02, BAD_ROW", "22007, BAD_ROW", "21000, BAD_ROW", "42804, BAD_ROW",
            // schema, permission, configuration: every row would fail
            "42P01, FATAL", "42703, FATAL", "42501, FATAL", "42P10, FATAL", "28P01, FATAL", "3D000, FATAL", "25P02, FATAL"
    })
    void classifiesPostgresStates(String state, SqlFailure expected) {
        assertThat(SqlFailureClassifier.classify(new SQLException("failed", state))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "ORA-{0} -> {1}")
    @CsvSource({
            "60, 61000, TRANSIENT", "8177, 72000, TRANSIENT", "3113, 08000, TRANSIENT", "17002, 08006, TRANSIENT",
            "1033, 08004, TRANSIENT",
            "1, 23000, BAD_ROW", "1400, 23000, BAD_ROW", "12899, 72000, BAD_ROW", "1722, 42000, BAD_ROW",
            "2291, 23000, BAD_ROW",
            "942, 42000, FATAL", "904, 42000, FATAL", "1031, 42000, FATAL"
    })
    void classifiesOracleVendorCodes(int code, String state, SqlFailure expected) {
        SQLException oracle = new SQLException(String.format("ORA-%05d: something", code), state, code);
        assertThat(SqlFailureClassifier.classify(oracle)).isEqualTo(expected);
    }

    @Test
    void aTransientCauseDeepInTheChainWins() {
        SQLException wrapper = new SQLException("batch failed", "XX000", new RuntimeException(new SocketException("reset")));
        assertThat(SqlFailureClassifier.classify(wrapper)).isEqualTo(SqlFailure.TRANSIENT);
        assertThat(SqlFailureClassifier.classify(new RuntimeException(new IOException("eof")))).isEqualTo(SqlFailure.TRANSIENT);
    }

    @Test
    void followsNextExceptionsOfABatch() {
        BatchUpdateException batch = new BatchUpdateException("batch entry 3 failed", null, 0, new int[0]);
        batch.setNextException(new SQLException("duplicate key", "23505"));
        assertThat(SqlFailureClassifier.classify(batch)).isEqualTo(SqlFailure.BAD_ROW);
        assertThat(SqlFailureClassifier.sqlState(batch)).isEqualTo("23505");
    }

    @Test
    void theSummaryNamesTheServerErrorButNoValues() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 INSERT INTO t VALUES (('P-2'), ('-1.0')) was aborted", "23514", 0, new int[0]);
        batch.setNextException(new SQLException("ERROR: new row for relation \"t\" violates check constraint \"t_amount_check\"\n"
                + "  Detail: Failing row contains (P-2, -1.0).", "23514"));
        assertThat(SqlFailureClassifier.summary(batch))
                .isEqualTo("SQLSTATE 23514: ERROR: new row for relation \"t\" violates check constraint \"t_amount_check\"");
        assertThat(SqlFailureClassifier.summary(new BatchUpdateException("Batch entry 0 INSERT .. ('secret')", "08006", 0, new int[0])))
                .isEqualTo("SQLSTATE 08006: a batched statement failed");
        assertThat(SqlFailureClassifier.summary(new java.sql.SQLTransientConnectionException("Connection refused")))
                .isEqualTo("Connection refused");
    }

    @Test
    void jdbcTransientSubclassesAreTransientWithoutAState() {
        assertThat(SqlFailureClassifier.classify(new SQLTransientConnectionException("gone"))).isEqualTo(SqlFailure.TRANSIENT);
        assertThat(SqlFailureClassifier.classify(new SQLRecoverableException("gone"))).isEqualTo(SqlFailure.TRANSIENT);
    }

    @Test
    void somethingUnknownIsFatalSoItIsNeverSilentlyDeadLettered() {
        assertThat(SqlFailureClassifier.classify(new SQLException("no state"))).isEqualTo(SqlFailure.FATAL);
        assertThat(SqlFailureClassifier.classify(new IllegalStateException("bug"))).isEqualTo(SqlFailure.FATAL);
        assertThat(SqlFailureClassifier.classify(null)).isEqualTo(SqlFailure.FATAL);
    }

    @Test
    void aCyclicCauseChainTerminates() {
        SQLException first = new SQLException("a", "XX000");
        SQLException second = new SQLException("b", "XX000", first);
        first.setNextException(second);
        assertThat(SqlFailureClassifier.classify(second)).isEqualTo(SqlFailure.FATAL);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "invalid input syntax for type uuid: \"4f1c-secret\"|22P02|SQLSTATE 22P02: invalid input syntax for type uuid: \"***\"",
            "value \"99999999999\" is out of range for type integer|22003|SQLSTATE 22003: value \"***\" is out of range for type integer",
            "duplicate key value violates unique constraint \"policy_pkey\"|23505|SQLSTATE 23505: duplicate key value violates unique constraint \"policy_pkey\"",
            "null value in column \"holder\" of relation \"policy\" violates not-null constraint|23502|SQLSTATE 23502: null value in column \"holder\" of relation \"policy\" violates not-null constraint"})
    void summariesNameWhereTheProblemIsButNeverQuoteAValue(String serverMessage, String sqlState, String expected) {
        assertThat(SqlFailureClassifier.summary(new SQLException(serverMessage + "\n  Detail: Key (id)=(7) already exists.", sqlState)))
                .isEqualTo(expected);
    }
}
