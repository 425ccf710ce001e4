package dev.strangler.connect.core.sql;

import java.util.List;
import java.util.stream.Collectors;

/**
 * PostgreSQL row writes. Inserts and upserts are multi-row {@code INSERT .. VALUES (..), (..)} statements, which is
 * what pgjdbc's {@code reWriteBatchedInserts} produces internally, but generated here so the server's affected-row
 * count comes back (the rewritten batch reports {@code SUCCESS_NO_INFO}) and stale skips can be counted.
 *
 * <p>Upsert: {@code INSERT .. ON CONFLICT (key) DO UPDATE SET .. WHERE <guard>}; a conflicting row whose guard
 * fails is left alone and not counted as affected
 * (<a href="https://www.postgresql.org/docs/current/sql-insert.html#SQL-ON-CONFLICT">ON CONFLICT</a>).
 * One statement must not touch the same key twice (SQLSTATE 21000), so callers reduce a batch per key first.
 */
public final class PostgresWriteStatements implements WriteStatements {

    /** The stored row in {@code ON CONFLICT .. DO UPDATE}; the incoming one is PostgreSQL's {@code EXCLUDED}. */
    static final String STORED_ALIAS = "existing";

    /** Bind parameters per statement: the protocol allows 65535; staying at half keeps a margin for wide rows. */
    static final int MAX_PARAMETERS = 32_767;
    /** Beyond a few hundred rows a longer statement buys nothing but parse time. */
    static final int MAX_ROWS = 500;

    private final SqlDialect dialect;
    private final GuardedWriteSql common;

    PostgresWriteStatements(SqlDialect dialect) {
        this.dialect = dialect;
        this.common = new GuardedWriteSql(dialect);
    }

    @Override
    public int maxRowsPerStatement(WriteShape shape) {
        int perRow = Math.max(1, shape.allColumns().size());
        return Math.max(1, Math.min(MAX_ROWS, MAX_PARAMETERS / perRow));
    }

    @Override
    public DmlStatement insertIfAbsent(WriteShape shape, int rows) {
        StringBuilder sql = insertValues(shape, rows, false);
        if (!shape.keyColumns().isEmpty()) {
            sql.append(" ON CONFLICT (").append(dialect.quotedList(shape.keyColumns())).append(") DO NOTHING");
        }
        return new DmlStatement(sql.toString(), shape.allColumns(), rows);
    }

    @Override
    public DmlStatement upsert(WriteShape shape, int rows) {
        GuardedWriteSql.requireKey(shape, "upsert");
        StringBuilder sql = insertValues(shape, rows, true);
        sql.append(" ON CONFLICT (").append(dialect.quotedList(shape.keyColumns())).append(")");
        if (shape.valueColumns().isEmpty()) {
            sql.append(" DO NOTHING");
        } else {
            sql.append(" DO UPDATE SET ").append(shape.valueColumns().stream()
                    .map(c -> dialect.quote(c) + " = EXCLUDED." + dialect.quote(c))
                    .collect(Collectors.joining(", ")));
            shape.guardColumn().ifPresent(guard -> sql.append(" WHERE ").append(common.newerThanStored(
                    dialect.quote(SqlIdentifier.of(STORED_ALIAS)) + "." + dialect.quote(guard),
                    "EXCLUDED." + dialect.quote(guard))));
        }
        return new DmlStatement(sql.toString(), shape.allColumns(), rows);
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

    private StringBuilder insertValues(WriteShape shape, int rows, boolean aliased) {
        if (rows < 1 || rows > maxRowsPerStatement(shape)) {
            throw new IllegalArgumentException("Rows per statement must be 1.." + maxRowsPerStatement(shape) + ", not " + rows);
        }
        List<SqlIdentifier> columns = shape.allColumns();
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(dialect.quote(shape.table()));
        if (aliased) {
            sql.append(" AS ").append(dialect.quote(SqlIdentifier.of(STORED_ALIAS)));
        }
        sql.append(" (").append(dialect.quotedList(columns)).append(") VALUES ");
        String row = columns.stream().map(c -> "?").collect(Collectors.joining(", ", "(", ")"));
        for (int i = 0; i < rows; i++) {
            if (i > 0) {
                sql.append(", ");
            }
            sql.append(row);
        }
        return sql;
    }
}
