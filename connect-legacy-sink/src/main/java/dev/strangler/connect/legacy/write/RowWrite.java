package dev.strangler.connect.legacy.write;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.strangler.connect.core.sql.SqlIdentifier;
import dev.strangler.connect.core.sql.WriteShape;
import dev.strangler.connect.legacy.guard.GuardVersion;

/**
 * One row to write into one legacy table: the output of the mapping and the input of the writer. Values are
 * plain Java values, keyed by column, covering every column of the shape.
 *
 * @param shape         table, key, value and guard columns
 * @param mode          how the row is written
 * @param values        the value of every column of the shape
 * @param version       the guard version, present exactly when the shape is guarded
 * @param rowSetColumns for a detail row whose event replaces the whole set of detail rows of its parent: the key
 *                      columns naming that set (the parent's key); empty otherwise. The writer keeps this row after
 *                      the set's clearing delete of the same event.
 */
public record RowWrite(WriteShape shape, WriteMode mode, Map<SqlIdentifier, Object> values, Optional<GuardVersion> version,
                       List<SqlIdentifier> rowSetColumns) {

    public RowWrite {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(mode, "mode");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        rowSetColumns = List.copyOf(rowSetColumns);
        requireValues(shape, shape.keyColumns(), values);
        requireValues(shape, shape.valueColumns(), values);
        if (shape.guarded() != version.isPresent()) {
            throw new IllegalArgumentException("A write to " + shape.table() + " carries a version exactly when its table is guarded");
        }
        if (!shape.keyColumns().containsAll(rowSetColumns)) {
            throw new IllegalArgumentException("The row set columns of " + shape.table() + " must be key columns");
        }
    }

    // Per row written: checks the columns without allocating WriteShape.allColumns().
    private static void requireValues(WriteShape shape, List<SqlIdentifier> columns, Map<SqlIdentifier, Object> values) {
        for (SqlIdentifier column : columns) {
            if (!values.containsKey(column)) {
                throw new IllegalArgumentException("No value for column " + column + " of " + shape.table());
            }
        }
    }

    public RowWrite(WriteShape shape, WriteMode mode, Map<SqlIdentifier, Object> values, Optional<GuardVersion> version) {
        this(shape, mode, values, version, List.of());
    }

    /** The values of the row set columns, in order. */
    public List<Object> rowSetKey() {
        List<Object> key = new ArrayList<>(rowSetColumns.size());
        for (SqlIdentifier column : rowSetColumns) {
            key.add(values.get(column));
        }
        return key;
    }

    public Object value(SqlIdentifier column) {
        return values.get(column);
    }

    /** The values of the key columns, in key order. */
    public List<Object> key() {
        List<Object> key = new ArrayList<>(shape.keyColumns().size());
        for (SqlIdentifier column : shape.keyColumns()) {
            key.add(values.get(column));
        }
        return key;
    }
}
