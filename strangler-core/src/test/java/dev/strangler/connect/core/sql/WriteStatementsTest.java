package dev.strangler.connect.core.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WriteStatementsTest {

    private static final WriteStatements POSTGRES = WriteStatements.forDialect(PostgresDialect.INSTANCE);
    private static final WriteStatements ORACLE = WriteStatements.forDialect(OracleDialect.INSTANCE);

    private static final SqlIdentifier POLICY_NO = SqlIdentifier.of("policy_no");
    private static final SqlIdentifier SEQ = SqlIdentifier.of("seq");
    private static final SqlIdentifier STATUS = SqlIdentifier.of("status");
    private static final SqlIdentifier VERSION = SqlIdentifier.of("event_version");

    private static final WriteShape GUARDED = WriteShape.of(TableName.parse("legacy.policy_version"),
            List.of(POLICY_NO, SEQ), List.of(STATUS, VERSION)).guardedBy(VERSION);
    private static final WriteShape UNGUARDED = WriteShape.of(TableName.parse("policy"), List.of(POLICY_NO), List.of(STATUS));
    private static final WriteShape KEY_ONLY = WriteShape.of(TableName.parse("policy_flag"), List.of(POLICY_NO), List.of());
    private static final WriteShape APPEND_ONLY = WriteShape.of(TableName.parse("audit_log"), List.of(), List.of(STATUS));

    static Stream<Arguments> statements() {
        return Stream.of(
                Arguments.of("postgres upsert guarded, 2 rows", POSTGRES.upsert(GUARDED, 2),
                        "INSERT INTO \"legacy\".\"policy_version\" AS \"existing\" (\"policy_no\", \"seq\", \"status\", \"event_version\")"
                                + " VALUES (?, ?, ?, ?), (?, ?, ?, ?)"
                                + " ON CONFLICT (\"policy_no\", \"seq\") DO UPDATE SET \"status\" = EXCLUDED.\"status\","
                                + " \"event_version\" = EXCLUDED.\"event_version\""
                                + " WHERE (\"existing\".\"event_version\" IS NULL OR \"existing\".\"event_version\" < EXCLUDED.\"event_version\")",
                        List.of(POLICY_NO, SEQ, STATUS, VERSION)),
                Arguments.of("postgres upsert unguarded", POSTGRES.upsert(UNGUARDED, 1),
                        "INSERT INTO \"policy\" AS \"existing\" (\"policy_no\", \"status\") VALUES (?, ?)"
                                + " ON CONFLICT (\"policy_no\") DO UPDATE SET \"status\" = EXCLUDED.\"status\"",
                        List.of(POLICY_NO, STATUS)),
                Arguments.of("postgres upsert of key columns only", POSTGRES.upsert(KEY_ONLY, 1),
                        "INSERT INTO \"policy_flag\" AS \"existing\" (\"policy_no\") VALUES (?) ON CONFLICT (\"policy_no\") DO NOTHING",
                        List.of(POLICY_NO)),
                Arguments.of("postgres insert if absent", POSTGRES.insertIfAbsent(UNGUARDED, 1),
                        "INSERT INTO \"policy\" (\"policy_no\", \"status\") VALUES (?, ?) ON CONFLICT (\"policy_no\") DO NOTHING",
                        List.of(POLICY_NO, STATUS)),
                Arguments.of("postgres append-only insert", POSTGRES.insertIfAbsent(APPEND_ONLY, 3),
                        "INSERT INTO \"audit_log\" (\"status\") VALUES (?), (?), (?)",
                        List.of(STATUS)),
                Arguments.of("postgres guarded update", POSTGRES.update(GUARDED),
                        "UPDATE \"legacy\".\"policy_version\" SET \"status\" = ?, \"event_version\" = ?"
                                + " WHERE \"policy_no\" = ? AND \"seq\" = ?"
                                + " AND (\"event_version\" IS NULL OR \"event_version\" < ?)",
                        List.of(STATUS, VERSION, POLICY_NO, SEQ, VERSION)),
                Arguments.of("postgres guarded delete", POSTGRES.delete(GUARDED),
                        "DELETE FROM \"legacy\".\"policy_version\" WHERE \"policy_no\" = ? AND \"seq\" = ?"
                                + " AND (\"event_version\" IS NULL OR \"event_version\" < ?)",
                        List.of(POLICY_NO, SEQ, VERSION)),
                Arguments.of("postgres unguarded delete", POSTGRES.delete(UNGUARDED),
                        "DELETE FROM \"policy\" WHERE \"policy_no\" = ?",
                        List.of(POLICY_NO)),
                Arguments.of("postgres mark before a guarded delete", POSTGRES.markBeforeDelete(GUARDED, SqlIdentifier.of("strangler_origin")),
                        "UPDATE \"legacy\".\"policy_version\" SET \"strangler_origin\" = ?"
                                + " WHERE \"policy_no\" = ? AND \"seq\" = ?"
                                + " AND (\"event_version\" IS NULL OR \"event_version\" < ?)",
                        List.of(SqlIdentifier.of("strangler_origin"), POLICY_NO, SEQ, VERSION)),
                Arguments.of("postgres newer row of a set", POSTGRES.selectNewer(WriteShape.of(TableName.parse("legacy.policy_version_line"),
                                List.of(POLICY_NO, SEQ), List.of(VERSION)).guardedBy(VERSION)),
                        "SELECT 1 FROM \"legacy\".\"policy_version_line\" WHERE \"policy_no\" = ? AND \"seq\" = ? AND \"event_version\" > ?",
                        List.of(POLICY_NO, SEQ, VERSION)),
                Arguments.of("oracle newer row", ORACLE.selectNewer(GUARDED),
                        "SELECT 1 FROM \"legacy\".\"policy_version\" WHERE \"policy_no\" = ? AND \"seq\" = ? AND \"event_version\" > ?",
                        List.of(POLICY_NO, SEQ, VERSION)),
                Arguments.of("oracle merge guarded", ORACLE.upsert(GUARDED, 1),
                        "MERGE INTO \"legacy\".\"policy_version\" \"existing\""
                                + " USING (SELECT ? AS \"policy_no\", ? AS \"seq\", ? AS \"status\", ? AS \"event_version\" FROM DUAL) \"incoming\""
                                + " ON (\"existing\".\"policy_no\" = \"incoming\".\"policy_no\" AND \"existing\".\"seq\" = \"incoming\".\"seq\")"
                                + " WHEN MATCHED THEN UPDATE SET \"existing\".\"status\" = \"incoming\".\"status\","
                                + " \"existing\".\"event_version\" = \"incoming\".\"event_version\""
                                + " WHERE (\"existing\".\"event_version\" IS NULL OR \"existing\".\"event_version\" < \"incoming\".\"event_version\")"
                                + " WHEN NOT MATCHED THEN INSERT (\"policy_no\", \"seq\", \"status\", \"event_version\")"
                                + " VALUES (\"incoming\".\"policy_no\", \"incoming\".\"seq\", \"incoming\".\"status\", \"incoming\".\"event_version\")",
                        List.of(POLICY_NO, SEQ, STATUS, VERSION)),
                Arguments.of("oracle merge of key columns only", ORACLE.upsert(KEY_ONLY, 1),
                        "MERGE INTO \"policy_flag\" \"existing\" USING (SELECT ? AS \"policy_no\" FROM DUAL) \"incoming\""
                                + " ON (\"existing\".\"policy_no\" = \"incoming\".\"policy_no\")"
                                + " WHEN NOT MATCHED THEN INSERT (\"policy_no\") VALUES (\"incoming\".\"policy_no\")",
                        List.of(POLICY_NO)),
                Arguments.of("oracle insert if absent", ORACLE.insertIfAbsent(UNGUARDED, 1),
                        "MERGE INTO \"policy\" \"existing\" USING (SELECT ? AS \"policy_no\", ? AS \"status\" FROM DUAL) \"incoming\""
                                + " ON (\"existing\".\"policy_no\" = \"incoming\".\"policy_no\")"
                                + " WHEN NOT MATCHED THEN INSERT (\"policy_no\", \"status\") VALUES (\"incoming\".\"policy_no\", \"incoming\".\"status\")",
                        List.of(POLICY_NO, STATUS)),
                Arguments.of("oracle append-only insert", ORACLE.insertIfAbsent(APPEND_ONLY, 1),
                        "INSERT INTO \"audit_log\" (\"status\") VALUES (?)",
                        List.of(STATUS)),
                Arguments.of("oracle guarded update", ORACLE.update(GUARDED),
                        "UPDATE \"legacy\".\"policy_version\" SET \"status\" = ?, \"event_version\" = ?"
                                + " WHERE \"policy_no\" = ? AND \"seq\" = ?"
                                + " AND (\"event_version\" IS NULL OR \"event_version\" < ?)",
                        List.of(STATUS, VERSION, POLICY_NO, SEQ, VERSION)),
                Arguments.of("oracle guarded delete", ORACLE.delete(GUARDED),
                        "DELETE FROM \"legacy\".\"policy_version\" WHERE \"policy_no\" = ? AND \"seq\" = ?"
                                + " AND (\"event_version\" IS NULL OR \"event_version\" < ?)",
                        List.of(POLICY_NO, SEQ, VERSION)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statements")
    void generatesTheExpectedSqlAndParameterOrder(String description, DmlStatement statement, String sql, List<SqlIdentifier> parameters) {
        assertThat(statement.sql()).isEqualTo(sql);
        assertThat(statement.rowParameters()).containsExactlyElementsOf(parameters);
        assertThat(statement.sql().chars().filter(c -> c == '?').count()).isEqualTo(statement.parameterCount());
    }

    @Test
    void rowsPerPostgresStatementStayWithinTheBindParameterLimit() {
        assertThat(POSTGRES.maxRowsPerStatement(GUARDED)).isEqualTo(500);
        List<SqlIdentifier> wide = Stream.iterate(0, i -> i + 1).limit(200).map(i -> SqlIdentifier.of("c" + i)).toList();
        WriteShape wideShape = WriteShape.of(TableName.parse("wide"), List.of(SqlIdentifier.of("id")), wide);
        assertThat(POSTGRES.maxRowsPerStatement(wideShape) * wideShape.allColumns().size()).isLessThanOrEqualTo(32_767);
        assertThatThrownBy(() -> POSTGRES.upsert(GUARDED, 501)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void oracleWritesOneRowPerStatement() {
        assertThat(ORACLE.maxRowsPerStatement(GUARDED)).isEqualTo(1);
        assertThatThrownBy(() -> ORACLE.upsert(GUARDED, 2)).hasMessageContaining("one row each");
    }

    @Test
    void rejectsShapesThatCannotBeWrittenSafely() {
        assertThatThrownBy(() -> POSTGRES.upsert(APPEND_ONLY, 1)).hasMessageContaining("Key columns are needed");
        assertThatThrownBy(() -> POSTGRES.update(KEY_ONLY)).hasMessageContaining("at least one value column");
        assertThatThrownBy(() -> POSTGRES.selectNewer(UNGUARDED)).hasMessageContaining("Only a guarded shape");
        assertThatThrownBy(() -> WriteShape.of(TableName.parse("t"), List.of(POLICY_NO), List.of(POLICY_NO)))
                .hasMessageContaining("written twice");
        assertThatThrownBy(() -> WriteShape.of(TableName.parse("t"), List.of(POLICY_NO), List.of(STATUS)).guardedBy(VERSION))
                .hasMessageContaining("must be one of the written value columns");
    }
}
