package dev.strangler.connect.core.sql;

/**
 * Generates the row writes of a sink for one dialect: insert-if-absent, upsert, update and delete, each optionally
 * guarded by a version column so that a duplicate or out-of-order write never regresses a row.
 *
 * <p>Guard semantics, the same in every statement and dialect: the write applies when no row is stored, when the
 * stored version is NULL, or when the stored version is strictly lower than the incoming one. An equal version is
 * a duplicate and is skipped. Each statement reports 1 affected row per applied write and 0 per skipped one, so a
 * caller counts stale skips from the update counts.
 *
 * <p>Identifiers are quoted by the dialect; values are always placeholders (see {@link DmlStatement}).
 */
public interface WriteStatements {

    /** The statements for {@code dialect}. */
    static WriteStatements forDialect(SqlDialect dialect) {
        if (dialect instanceof OracleDialect) {
            return new OracleWriteStatements(dialect);
        }
        if (dialect instanceof PostgresDialect) {
            return new PostgresWriteStatements(dialect);
        }
        throw new IllegalArgumentException("No write statements for dialect " + dialect.name());
    }

    /** How many rows one insert or upsert statement may carry for {@code shape} (1 where the dialect has no multi-row form). */
    int maxRowsPerStatement(WriteShape shape);

    /**
     * Inserts rows whose key is not stored yet and skips the others (first write wins; the guard is irrelevant).
     * Without key columns, a plain append-only insert.
     */
    DmlStatement insertIfAbsent(WriteShape shape, int rows);

    /** Inserts absent rows and updates stored ones, subject to the guard. Requires key columns. */
    DmlStatement upsert(WriteShape shape, int rows);

    /** Updates the value columns of a stored row, subject to the guard; never inserts. Requires key columns. */
    DmlStatement update(WriteShape shape);

    /**
     * Deletes a stored row, subject to the guard: a guarded delete's placeholders are the key columns then the
     * guard column (the incoming version); the shape's other value columns are ignored.
     */
    DmlStatement delete(WriteShape shape);

    /**
     * Sets one column (an origin marker) on a stored row that a guarded delete of the same shape is about to
     * remove, with the same guard, so the row's last version carries it and a stale delete changes nothing.
     * Placeholders: the column, the key columns, then the guard column.
     */
    DmlStatement markBeforeDelete(WriteShape shape, SqlIdentifier column);

    /**
     * A query returning a row when a stored row matching the key columns holds a version strictly newer than the
     * incoming one: {@code SELECT 1 FROM t WHERE k = ? AND v > ?}. With a partial key it asks whether any row of a
     * set is newer. Requires a guarded shape. Placeholders: the key columns, then the guard column.
     */
    DmlStatement selectNewer(WriteShape shape);
}
