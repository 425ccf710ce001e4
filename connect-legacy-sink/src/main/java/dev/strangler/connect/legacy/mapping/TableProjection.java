package dev.strangler.connect.legacy.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.strangler.connect.core.sql.SqlIdentifier;
import dev.strangler.connect.core.sql.TableName;
import dev.strangler.connect.core.sql.WriteShape;
import dev.strangler.connect.legacy.guard.GuardVersion;
import dev.strangler.connect.legacy.write.RowWrite;
import dev.strangler.connect.legacy.write.WriteMode;

/**
 * One table an event writes: its rows (one per event, or one per element of an array field), their columns and
 * how they are written. Immutable; built by {@link MappingParser}.
 *
 * @param path        where it is declared in the mapping ({@code events.AddressChanged.writes[1]}), for messages
 * @param mode        how rows are written
 * @param shape       the statement shape: key columns, value columns (with guard and origin marker columns)
 * @param sources     where each key and value column comes from (not the fixed columns)
 * @param fixedValues columns with a value fixed by configuration: the origin marker, a soft-delete status
 * @param guard       the version guard: the column and where the incoming version comes from
 * @param rows        the array field whose elements are this table's rows (detail rows), if any
 */
public record TableProjection(String path, WriteMode mode, WriteShape shape, Map<SqlIdentifier, ColumnSource> sources,
                              Map<SqlIdentifier, Object> fixedValues, Optional<Guard> guard, Optional<FieldPath> rows) {

    /** The version guard of a table: the column compared and written, and the incoming version's source. */
    public record Guard(SqlIdentifier column, ColumnSource source) {
    }

    public TableProjection {
        sources = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sources));
        fixedValues = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fixedValues));
    }

    public TableName table() {
        return shape.table();
    }

    /** The rows this table gets from one event: none when the array field is absent or empty. */
    List<RowWrite> project(RowScope scope) throws ProjectionException {
        if (rows.isEmpty()) {
            return List.of(row(scope));
        }
        Object array = rows.get().resolve(scope.event().value());
        if (array == null) {
            return List.of();
        }
        if (!(array instanceof List<?> elements)) {
            throw new ProjectionException(table() + ": the rows field '" + rows.get() + "' is not an array");
        }
        List<RowWrite> result = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            result.add(row(scope.forElement(elements.get(i), i)));
        }
        return result;
    }

    private RowWrite row(RowScope scope) throws ProjectionException {
        Map<SqlIdentifier, Object> values = new LinkedHashMap<>();
        for (SqlIdentifier key : shape.keyColumns()) {
            Object value = sources.get(key).value(scope);
            if (value == null) {
                throw new ProjectionException(table() + ": key column " + key + " has no value");
            }
            values.put(key, value);
        }
        for (Map.Entry<SqlIdentifier, ColumnSource> source : sources.entrySet()) {
            if (!values.containsKey(source.getKey())) {
                values.put(source.getKey(), source.getValue().value(scope));
            }
        }
        values.putAll(fixedValues);
        Optional<GuardVersion> version = Optional.empty();
        if (guard.isPresent()) {
            Object incoming = guard.get().source().value(scope);
            try {
                version = Optional.of(GuardVersion.of(incoming));
            } catch (IllegalArgumentException e) {
                throw new ProjectionException(table() + ": guard column " + guard.get().column() + ": " + e.getMessage());
            }
            values.put(guard.get().column(), incoming);
        }
        return new RowWrite(shape, mode, values, version);
    }
}
