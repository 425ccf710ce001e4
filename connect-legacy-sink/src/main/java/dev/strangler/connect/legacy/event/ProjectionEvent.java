package dev.strangler.connect.legacy.event;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One domain event as the projection sees it: the record's key and value converted once, at the edge, into plain
 * immutable Java values (maps, lists, strings, numbers, {@code java.time} values), so the mapping and the writer
 * never touch Connect's {@code SinkRecord}. A tombstone has no value.
 *
 * @param position   where the record came from, for logs and the dead-letter path; never its content
 * @param eventType  the event type, when the record carries one
 * @param key        the record key: a map for a struct or JSON object key, a scalar otherwise, null when absent
 * @param value      the record value as a map, or null for a tombstone
 * @param timestamp  the record's timestamp (the event time unless a mapping names a field for it)
 */
public record ProjectionEvent(RecordPosition position, Optional<String> eventType, Object key, Map<String, Object> value,
                              Instant timestamp) {

    public ProjectionEvent {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    public boolean isTombstone() {
        return value == null;
    }

    /** Topic, partition and offset of a record: enough to find it, nothing of its content. */
    public record RecordPosition(String topic, int partition, long offset) {
        @Override
        public String toString() {
            return topic + "-" + partition + "@" + offset;
        }
    }
}
