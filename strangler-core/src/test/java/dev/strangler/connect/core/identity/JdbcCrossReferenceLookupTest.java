package dev.strangler.connect.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.List;

import dev.strangler.connect.core.sql.SqlDialects;
import dev.strangler.connect.core.sql.SqlIdentifier;
import dev.strangler.connect.core.sql.TableName;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The SQL and the error classification; the queries themselves run against real Postgres in the ACL IT. */
class JdbcCrossReferenceLookupTest {

    @Test
    void selectQuotesEveryIdentifierAndBindsEveryValue() {
        String sql = JdbcCrossReferenceLookup.selectSql(SqlDialects.fromJdbcUrl("jdbc:postgresql://db/x"),
                TableName.parse("xref.policy_ids"), List.of(SqlIdentifier.of("branch"), SqlIdentifier.of("policy_no")),
                SqlIdentifier.of("policy_id"));

        assertThat(sql).isEqualTo("SELECT \"policy_id\" FROM \"xref\".\"policy_ids\" WHERE \"branch\" = ? AND \"policy_no\" = ?");
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {"08006, true", "57P01, true", "40001, true", "53300, true",
            "42P01, false", "42703, false", "null, false"})
    void transientFailuresAreRecognisedBySqlState(String state, boolean expected) {
        assertThat(JdbcCrossReferenceLookup.isTransient(new SQLException("x", state))).isEqualTo(expected);
    }

    @Test
    void timeoutsAndWrappedConnectionLossAreTransient() {
        assertThat(JdbcCrossReferenceLookup.isTransient(new SQLTimeoutException("slow"))).isTrue();
        assertThat(JdbcCrossReferenceLookup.isTransient(new SQLException("outer", "XX000", new SQLException("inner", "08001")))).isTrue();
    }

    @Test
    void unreachableDatabaseIsTransientAndWrongKeyArityIsRejected() {
        JdbcCrossReferenceLookup lookup = new JdbcCrossReferenceLookup(() -> {
            throw new SQLException("Connection refused", "08001");
        }, SqlDialects.fromJdbcUrl("jdbc:postgresql://db/x"), TableName.parse("ids"), List.of(SqlIdentifier.of("k")),
                SqlIdentifier.of("id"), Duration.ofSeconds(5));

        assertThatThrownBy(() -> lookup.find(List.of("P-1"))).isInstanceOf(CrossReferenceUnavailableException.class)
                .hasMessage("The cross-reference table ids cannot be read now: Connection refused");
        assertThatThrownBy(() -> lookup.find(List.of("P-1", "x"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected 1 key values but got 2");
        lookup.close();
    }
}
