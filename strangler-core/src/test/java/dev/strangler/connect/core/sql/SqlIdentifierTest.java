package dev.strangler.connect.core.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlIdentifierTest {

    @ParameterizedTest
    @ValueSource(strings = {"policy", "POLICY_VERSION", "_tmp", "col$1", "a23456789012345678901234567890123456789012345678901234567890123"})
    void acceptsPlainIdentifiers(String name) {
        assertThat(SqlIdentifier.of(name).name()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1abc", "policy; DROP TABLE x", "a\"b", "a b", "a-b", "x--", "name'", "a234567890123456789012345678901234567890123456789012345678901234"})
    void rejectsAnythingThatCouldChangeAStatement(String name) {
        assertThatThrownBy(() -> SqlIdentifier.of(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid SQL identifier");
    }

    @Test
    void dialectsQuoteQualifiedNames() {
        TableName table = TableName.parse("legacy.policy_version");
        assertThat(PostgresDialect.INSTANCE.quote(table)).isEqualTo("\"legacy\".\"policy_version\"");
        assertThat(OracleDialect.INSTANCE.quote(TableName.parse("POLICY"))).isEqualTo("\"POLICY\"");
    }

    @Test
    void tableNamesHaveAtMostTwoParts() {
        assertThatThrownBy(() -> TableName.parse("a.b.c")).hasMessageContaining("'a.b.c' is not a table name");
        assertThatThrownBy(() -> TableName.parse("a.b;c")).hasMessageContaining("not a valid SQL identifier");
    }

    @Test
    void dialectComesFromTheJdbcUrlAndErrorsNeverEchoAPassword() {
        assertThat(SqlDialects.fromJdbcUrl("jdbc:postgresql://127.0.0.1:5432/legacy")).isSameAs(PostgresDialect.INSTANCE);
        assertThat(SqlDialects.fromJdbcUrl("jdbc:oracle:thin:@//db:1521/LEGACY")).isSameAs(OracleDialect.INSTANCE);
        assertThatThrownBy(() -> SqlDialects.fromJdbcUrl("jdbc:mysql://h/db?user=a&password=secret"))
                .hasMessageNotContaining("secret")
                .hasMessageContaining("Unsupported JDBC URL of kind 'jdbc:mysql'");
        assertThatThrownBy(() -> SqlDialects.fromJdbcUrl("jdbc:sqlserver://scott:tiger@h"))
                .hasMessageNotContaining("tiger");
    }
}
