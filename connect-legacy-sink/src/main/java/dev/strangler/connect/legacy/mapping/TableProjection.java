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
 * @param clearing    when the event replaces its parent's whole set of detail rows ({@code replaceRows}): the
 *                    guarded delete of the set's older rows, keyed by the parent's key columns, written first
 */
public record TableProjection(String path, WriteMode mode, WriteShape shape, Map<SqlIdentifier, ColumnSource> sources,
                              Map<SqlIdentifier, Object> fixedValues, Optional<Guard> guard, Optional<FieldPath> rows,
                              Optional<WriteShape> clearing) {

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

    /** The rows this table gets from one event, as an immutable list: none when the array field is absent or empty. */
    List<RowWrite> project(RowScope scope) throws ProjectionException {
        if (rows.isEmpty()) {
            return List.of(row(scope));
        }
        Object array = rows.get().resolve(scope.event().value());
        if (array != null && !(array instanceof List<?>)) {
            throw new ProjectionException(table() + ": the rows field '" + rows.get() + "' is not an array");
        }
        List<?> elements = array == null ? List.of() : (List<?>) array;
        List<RowWrite> result = new ArrayList<>(elements.size() + 1);
        if (clearing.isPresent()) {
            // Rows of the set older than this event go first; an absent or empty array clears the set.
            result.add(clearingRow(scope, clearing.get()));
        }
        for (int i = 0; i < elements.size(); i++) {
            result.add(row(scope.forElement(elements.get(i), i)));
        }
        return List.copyOf(result);
    }

    private RowWrite clearingRow(RowScope scope, WriteShape clearingShape) throws ProjectionException {
        Map<SqlIdentifier, Object> values = new LinkedHashMap<>();
        for (SqlIdentifier key : clearingShape.keyColumns()) {
            Object value = sources.get(key).value(scope);
            if (value == null) {
                throw new ProjectionException(table() + ": key column " + key + " has no value");
            }
            values.put(key, value);
        }
        values.putAll(fixedValues);
        Optional<GuardVersion> version = guardVersion(scope, values);
        Map<SqlIdentifier, Object> clearingValues = new LinkedHashMap<>();
        clearingShape.allColumns().forEach(column -> clearingValues.put(column, values.get(column)));
        return new RowWrite(clearingShape, WriteMode.CLEAR_OLDER_ROWS, clearingValues, version);
    }

    private Optional<GuardVersion> guardVersion(RowScope scope, Map<SqlIdentifier, Object> values) throws ProjectionException {
        if (guard.isEmpty()) {
            return Optional.empty();
        }
        Object incoming = guard.get().source().value(scope);
        values.put(guard.get().column(), incoming);
        try {
            return Optional.of(GuardVersion.of(incoming));
        } catch (IllegalArgumentException e) {
            throw new ProjectionException(table() + ": guard column " + guard.get().column() + ": " + e.getMessage());
        }
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
        Optional<GuardVersion> version = guardVersion(scope, values);
        return new RowWrite(shape, mode, values, version, clearing.map(WriteShape::keyColumns).orElse(List.of()));
    }
}
