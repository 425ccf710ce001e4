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
 * @param shape   table, key, value and guard columns
 * @param mode    how the row is written
 * @param values  the value of every column of the shape
 * @param version the guard version, present exactly when the shape is guarded
 */
public record RowWrite(WriteShape shape, WriteMode mode, Map<SqlIdentifier, Object> values, Optional<GuardVersion> version) {

    public RowWrite {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(mode, "mode");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        for (SqlIdentifier column : shape.allColumns()) {
            if (!values.containsKey(column)) {
                throw new IllegalArgumentException("No value for column " + column + " of " + shape.table());
            }
        }
        if (shape.guarded() != version.isPresent()) {
            throw new IllegalArgumentException("A write to " + shape.table() + " carries a version exactly when its table is guarded");
        }
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
