package dev.strangler.connect.core.sql;

import java.util.List;

/**
 * SQL text with the column whose value each placeholder takes. A statement may write several rows (PostgreSQL's
 * multi-row {@code VALUES}): then its placeholders are {@code rowParameters} repeated {@code rows} times, row by
 * row. A column may appear more than once in {@code rowParameters} (a guard column is written and compared).
 *
 * @param sql           the statement with {@code ?} placeholders
 * @param rowParameters the column whose value binds to each placeholder of one row, in placeholder order
 * @param rows          how many rows one execution writes
 */
public record DmlStatement(String sql, List<SqlIdentifier> rowParameters, int rows) {

    public DmlStatement {
        rowParameters = List.copyOf(rowParameters);
        if (rows < 1) {
            throw new IllegalArgumentException("A statement writes at least one row");
        }
    }

    public static DmlStatement singleRow(String sql, List<SqlIdentifier> parameters) {
        return new DmlStatement(sql, parameters, 1);
    }

    public int parameterCount() {
        return rowParameters.size() * rows;
    }

    @Override
    public String toString() {
        return sql;
    }
}
