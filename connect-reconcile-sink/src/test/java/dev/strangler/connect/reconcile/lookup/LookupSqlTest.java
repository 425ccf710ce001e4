package dev.strangler.connect.reconcile.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.strangler.connect.core.sql.OracleDialect;
import dev.strangler.connect.core.sql.PostgresDialect;
import dev.strangler.connect.core.sql.SqlIdentifier;
import dev.strangler.connect.core.sql.TableName;

class LookupSqlTest {

    private static List<SqlIdentifier> ids(String... names) {
        return Arrays.stream(names).map(SqlIdentifier::of).toList();
    }

    @Test
    void oneStatementForTheWholeBatchWithARowValueInList() {
        assertThat(LookupSql.select(PostgresDialect.INSTANCE, TableName.parse("svc.policy"), ids("policy_no", "version"),
                ids("holder", "premium"), 3)).isEqualTo(
                "SELECT \"policy_no\", \"version\", \"holder\", \"premium\" FROM \"svc\".\"policy\" "
                        + "WHERE (\"policy_no\", \"version\") IN ((?, ?), (?, ?), (?, ?))");
    }

    @Test
    void aSingleKeyColumnUsesAPlainInList() {
        assertThat(LookupSql.select(OracleDialect.INSTANCE, TableName.parse("POLICY"), ids("ID"), ids("ID", "HOLDER"), 2))
                .isEqualTo("SELECT \"ID\", \"HOLDER\" FROM \"POLICY\" WHERE \"ID\" IN (?, ?)");
    }

    @Test
    void needsAKey() {
        assertThatThrownBy(() -> LookupSql.select(PostgresDialect.INSTANCE, TableName.parse("t"), List.of(), ids("a"), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rowKeysOfDifferentJavaTypesOfTheSameValueAreEqual() {
        assertThat(RowKey.of(List.of(42L, "P-1"))).isEqualTo(RowKey.of(List.of(new BigDecimal("42.0"), "P-1")));
        assertThat(RowKey.of(List.of(42, "P-1"))).isNotEqualTo(RowKey.of(List.of(43, "P-1")));
        assertThat(RowKey.of(List.of("P-1   ", 3))).as("CHAR(n) padding").isEqualTo(RowKey.of(List.of("P-1", 3L)));
        assertThat(RowKey.of(List.of(" P-1"))).isNotEqualTo(RowKey.of(List.of("P-1")));
        assertThat(RowKey.of(List.of("a|b", "c\\")).text()).isEqualTo("a\\|b|c\\\\");
        assertThat(RowKey.of(List.of("a|b")).text()).isNotEqualTo(RowKey.of(List.of("a", "b")).text());
    }
}
