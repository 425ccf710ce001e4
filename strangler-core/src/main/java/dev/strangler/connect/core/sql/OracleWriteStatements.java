package dev.strangler.connect.core.sql;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Oracle row writes. Upsert and insert-if-absent are single-row {@code MERGE} statements executed as a JDBC batch
 * (Oracle has no multi-row {@code VALUES}); the guard is the {@code WHERE} of {@code WHEN MATCHED THEN UPDATE}, so
 * a stale write changes nothing and reports 0 rows
 * (<a href="https://docs.oracle.com/en/database/oracle/oracle-database/19/sqlrf/MERGE.html">MERGE</a>).
 */
public final class OracleWriteStatements implements WriteStatements {

    static final String STORED_ALIAS = "existing";
    static final String INCOMING_ALIAS = "incoming";

    private final SqlDialect dialect;
    private final GuardedWriteSql common;

    OracleWriteStatements(SqlDialect dialect) {
        this.dialect = dialect;
        this.common = new GuardedWriteSql(dialect);
    }

    @Override
    public int maxRowsPerStatement(WriteShape shape) {
        return 1;
    }

    @Override
    public DmlStatement insertIfAbsent(WriteShape shape, int rows) {
        requireSingleRow(rows);
        if (shape.keyColumns().isEmpty()) {
            List<SqlIdentifier> columns = shape.allColumns();
            String sql = "INSERT INTO " + dialect.quote(shape.table()) + " (" + dialect.quotedList(columns) + ") VALUES ("
                    + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
            return DmlStatement.singleRow(sql, columns);
        }
        return DmlStatement.singleRow(mergeHead(shape) + " " + whenNotMatchedInsert(shape), shape.allColumns());
    }

    @Override
    public DmlStatement upsert(WriteShape shape, int rows) {
        requireSingleRow(rows);
        GuardedWriteSql.requireKey(shape, "upsert");
        StringBuilder sql = new StringBuilder(mergeHead(shape));
        if (!shape.valueColumns().isEmpty()) {
            sql.append(" WHEN MATCHED THEN UPDATE SET ").append(shape.valueColumns().stream()
                    .map(c -> stored(c) + " = " + incoming(c))
                    .collect(Collectors.joining(", ")));
            shape.guardColumn().ifPresent(guard ->
                    sql.append(" WHERE ").append(common.newerThanStored(stored(guard), incoming(guard))));
        }
        sql.append(" ").append(whenNotMatchedInsert(shape));
        return DmlStatement.singleRow(sql.toString(), shape.allColumns());
    }

    @Override
    public DmlStatement update(WriteShape shape) {
        return common.update(shape);
    }

    @Override
    public DmlStatement delete(WriteShape shape) {
        return common.delete(shape);
    }

    @Override
    public DmlStatement markBeforeDelete(WriteShape shape, SqlIdentifier column) {
        return common.markBeforeDelete(shape, column);
    }

    @Override
    public DmlStatement selectNewer(WriteShape shape) {
        return common.selectNewer(shape);
    }

    /** {@code MERGE INTO t "existing" USING (SELECT ? AS "k", .. FROM DUAL) "incoming" ON (..)} */
    private String mergeHead(WriteShape shape) {
        GuardedWriteSql.requireKey(shape, "merge");
        String source = shape.allColumns().stream().map(c -> "? AS " + dialect.quote(c))
                .collect(Collectors.joining(", ", "SELECT ", " FROM DUAL"));
        String on = shape.keyColumns().stream().map(c -> stored(c) + " = " + incoming(c))
                .collect(Collectors.joining(" AND "));
        return "MERGE INTO " + dialect.quote(shape.table()) + " " + dialect.quote(SqlIdentifier.of(STORED_ALIAS))
                + " USING (" + source + ") " + dialect.quote(SqlIdentifier.of(INCOMING_ALIAS))
                + " ON (" + on + ")";
    }

    private String whenNotMatchedInsert(WriteShape shape) {
        List<SqlIdentifier> columns = shape.allColumns();
        return "WHEN NOT MATCHED THEN INSERT (" + dialect.quotedList(columns) + ") VALUES ("
                + columns.stream().map(this::incoming).collect(Collectors.joining(", ")) + ")";
    }

    private String stored(SqlIdentifier column) {
        return dialect.quote(SqlIdentifier.of(STORED_ALIAS)) + "." + dialect.quote(column);
    }

    private String incoming(SqlIdentifier column) {
        return dialect.quote(SqlIdentifier.of(INCOMING_ALIAS)) + "." + dialect.quote(column);
    }

    private static void requireSingleRow(int rows) {
        if (rows != 1) {
            throw new IllegalArgumentException("Oracle statements write one row each (batch them); asked for " + rows);
        }
    }
}
