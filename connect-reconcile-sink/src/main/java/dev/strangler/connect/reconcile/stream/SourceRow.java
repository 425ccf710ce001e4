package dev.strangler.connect.reconcile.stream;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.strangler.connect.reconcile.lookup.RowKey;

/**
 * One record as the reconciliation sees it: its business key (canonical values in key-column order) and its
 * fields (canonical values by field name), and when the change happened at its source (for the migration plan,
 * which is evaluated at event time). Built once at the edge from a {@code SinkRecord}; nothing past the edge
 * touches Connect types.
 */
public record SourceRow(RowKey key, List<Object> keyValues, Map<String, Object> fields, RecordOrigin origin, Instant eventTime) {

    public SourceRow {
        keyValues = Collections.unmodifiableList(new java.util.ArrayList<>(keyValues));
        fields = Collections.unmodifiableMap(new HashMap<>(fields)); // values may be null: no Map.copyOf
    }

    public static SourceRow of(List<Object> keyValues, Map<String, Object> fields, RecordOrigin origin) {
        return of(keyValues, fields, origin, null);
    }

    /** @param eventTime when the change happened in its source system (null when the record does not say) */
    public static SourceRow of(List<Object> keyValues, Map<String, Object> fields, RecordOrigin origin, Instant eventTime) {
        return new SourceRow(RowKey.of(keyValues), keyValues, fields, origin, eventTime);
    }
}
