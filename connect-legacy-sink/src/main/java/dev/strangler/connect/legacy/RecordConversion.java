package dev.strangler.connect.legacy;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

import dev.strangler.connect.legacy.event.ProjectionEvent;

/**
 * The edge: turns a {@link SinkRecord} into an immutable {@link ProjectionEvent} once, so nothing past this class
 * sees Connect's types. Structs and maps become unmodifiable maps, arrays lists; Connect's logical types become
 * {@code java.time} values (Date -> LocalDate, Time -> LocalTime, Timestamp -> Instant); Decimal stays BigDecimal.
 */
final class RecordConversion {

    private final EventTypeSource eventTypeSource;

    RecordConversion(EventTypeSource eventTypeSource) {
        this.eventTypeSource = eventTypeSource;
    }

    /** @throws DataException when the value is neither a struct, a map nor null */
    ProjectionEvent toEvent(SinkRecord record) {
        Object value = convert(record.valueSchema(), record.value());
        if (value != null && !(value instanceof Map<?, ?>)) {
            throw new DataException("The value of record " + position(record) + " is not an object (struct or map)");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> valueMap = (Map<String, Object>) value;
        Optional<String> eventType = valueMap == null ? Optional.empty() : eventTypeSource.eventType(record, valueMap);
        Instant timestamp = record.timestamp() == null ? Instant.EPOCH : Instant.ofEpochMilli(record.timestamp());
        return new ProjectionEvent(position(record), eventType, convert(record.keySchema(), record.key()), valueMap, timestamp);
    }

    /** A HashMap capacity that holds {@code entries} without resizing. */
    private static int capacity(int entries) {
        return entries < 12 ? 16 : (int) (entries / 0.75f) + 1;
    }

    static ProjectionEvent.RecordPosition position(SinkRecord record) {
        Integer partition = record.kafkaPartition();
        return new ProjectionEvent.RecordPosition(record.topic(), partition == null ? -1 : partition, record.kafkaOffset());
    }

    static Object convert(Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        // Scalars first, tested against classes: most values are strings and numbers, and on JDK 17 testing them
        // against interfaces (Map, then List) thrashes the JVM's one-entry secondary-supers cache per class, a
        // cost that showed as the top self-time of the task thread (JDK-8180450, fixed in JDK 23).
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Struct struct) {
            List<Field> schemaFields = struct.schema().fields();
            Map<String, Object> fields = new LinkedHashMap<>(capacity(schemaFields.size()));
            for (Field field : schemaFields) {
                fields.put(field.name(), convert(field.schema(), struct.get(field)));
            }
            return Collections.unmodifiableMap(fields);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> entries = new LinkedHashMap<>();
            Schema valueSchema = schema == null ? null : schema.valueSchema();
            map.forEach((k, v) -> entries.put(String.valueOf(k), convert(valueSchema, v)));
            return Collections.unmodifiableMap(entries);
        }
        if (value instanceof List<?> list) {
            Schema elementSchema = schema == null ? null : schema.valueSchema();
            List<Object> elements = new ArrayList<>(list.size());
            list.forEach(element -> elements.add(convert(elementSchema, element)));
            return Collections.unmodifiableList(elements);
        }
        if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return bytes;
        }
        if (value instanceof Date date) {
            String logical = schema == null ? null : schema.name();
            if (org.apache.kafka.connect.data.Date.LOGICAL_NAME.equals(logical)) {
                return LocalDate.ofInstant(date.toInstant(), ZoneOffset.UTC);
            }
            if (Time.LOGICAL_NAME.equals(logical)) {
                return LocalTime.ofInstant(date.toInstant(), ZoneOffset.UTC);
            }
            if (Timestamp.LOGICAL_NAME.equals(logical) || logical == null) {
                return date.toInstant();
            }
            return date.toInstant();
        }
        return value;
    }
}
