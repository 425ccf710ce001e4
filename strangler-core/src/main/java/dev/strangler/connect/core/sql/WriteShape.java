package dev.strangler.connect.core.sql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The shape of one kind of row write: the table, the columns that identify a row, the other columns written, and
 * an optional version guard column. {@link WriteStatements} turns a shape into dialect SQL; the same shape always
 * yields the same text, so drivers reuse their prepared statements.
 *
 * <p>The guard column, when present, is one of the value columns: it is written like any other column and also
 * compared, so a write applies only when its version is newer than the stored one.
 *
 * @param table        the target table
 * @param keyColumns   the columns that identify a row (a unique or primary key of the table); may be empty only for
 *                     append-only inserts
 * @param valueColumns the other columns written, in order; never a key column
 * @param guardColumn  the version column compared before a write applies
 */
public record WriteShape(TableName table, List<SqlIdentifier> keyColumns, List<SqlIdentifier> valueColumns,
                         Optional<SqlIdentifier> guardColumn) {

    public WriteShape {
        keyColumns = List.copyOf(keyColumns);
        valueColumns = List.copyOf(valueColumns);
        Set<SqlIdentifier> seen = new HashSet<>();
        for (SqlIdentifier column : keyColumns) {
            if (!seen.add(column)) {
                throw new IllegalArgumentException("Column " + column + " is listed twice in the key of " + table);
            }
        }
        for (SqlIdentifier column : valueColumns) {
            if (!seen.add(column)) {
                throw new IllegalArgumentException("Column " + column + " of " + table + " is written twice (or is also a key column)");
            }
        }
        if (guardColumn.isPresent() && !valueColumns.contains(guardColumn.get())) {
            throw new IllegalArgumentException("The guard column " + guardColumn.get() + " of " + table
                    + " must be one of the written value columns");
        }
    }

    public static WriteShape of(TableName table, List<SqlIdentifier> keyColumns, List<SqlIdentifier> valueColumns) {
        return new WriteShape(table, keyColumns, valueColumns, Optional.empty());
    }

    public WriteShape guardedBy(SqlIdentifier column) {
        return new WriteShape(table, keyColumns, valueColumns, Optional.of(column));
    }

    /** Key columns then value columns: the column list of an INSERT. */
    public List<SqlIdentifier> allColumns() {
        List<SqlIdentifier> all = new ArrayList<>(keyColumns.size() + valueColumns.size());
        all.addAll(keyColumns);
        all.addAll(valueColumns);
        return all;
    }

    public boolean guarded() {
        return guardColumn.isPresent();
    }
}
