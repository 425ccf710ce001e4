package dev.strangler.connect.reconcile;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.sink.SinkRecord;

import dev.strangler.connect.reconcile.compare.CanonicalValues;
import dev.strangler.connect.reconcile.lookup.KeyKind;
import dev.strangler.connect.reconcile.stream.RecordOrigin;
import dev.strangler.connect.reconcile.stream.SourceRow;

/**
 * The edge between Connect and the reconciliation: reads a {@link SinkRecord} (with or without schema, plain or a
 * Debezium change event, which is unwrapped to its {@code after} state) into a {@link SourceRow} of canonical
 * values. Connect and Debezium logical types become what they mean: decimals, instants, dates.
 */
final class SourceRowReader {

    private static final String DEBEZIUM_TIMESTAMP = "io.debezium.time.Timestamp";
    private static final String DEBEZIUM_MICRO_TIMESTAMP = "io.debezium.time.MicroTimestamp";
    private static final String DEBEZIUM_NANO_TIMESTAMP = "io.debezium.time.NanoTimestamp";
    private static final String DEBEZIUM_ZONED_TIMESTAMP = "io.debezium.time.ZonedTimestamp";
    private static final String DEBEZIUM_DATE = "io.debezium.time.Date";
    private static final String DEBEZIUM_VARIABLE_SCALE_DECIMAL = "io.debezium.data.VariableScaleDecimal";

    private final List<String> keyFields;
    private final List<KeyKind> keyKinds;

    /** @param keyKinds what each key column holds, in key order, so record keys are brought to it */
    SourceRowReader(List<String> keyFields, List<KeyKind> keyKinds) {
        this.keyFields = List.copyOf(keyFields);
        this.keyKinds = List.copyOf(keyKinds);
    }

    SourceRowReader(List<String> keyFields) {
        this(keyFields, keyFields.stream().map(f -> KeyKind.OTHER).toList());
    }

    /**
     * @return the row, or empty for a record there is nothing to compare for (a tombstone, a Debezium delete)
     * @throws MalformedRecordException when the record has no usable key or an unreadable value
     */
    Optional<SourceRow> read(SinkRecord record) {
        Map<String, Object> fields = fieldsOf(record.value(), record.valueSchema(), "value");
        if (fields == null) {
            return Optional.empty();
        }
        Instant eventTime = eventTime(record);
        Map<String, Object> keyFieldsOfKey = null;
        List<Object> key = new ArrayList<>(keyFields.size());
        for (int i = 0; i < keyFields.size(); i++) {
            String keyField = keyFields.get(i);
            Object value = fields.get(keyField);
            if (value == null) {
                if (keyFieldsOfKey == null) {
                    keyFieldsOfKey = keyFieldsOf(record);
                }
                value = keyFieldsOfKey.get(keyField);
            }
            if (value == null) {
                throw new MalformedRecordException("Key field '" + keyField + "' is missing or null in the record value and key");
            }
            try {
                key.add(keyKinds.get(i).coerce(value));
            } catch (IllegalArgumentException e) {
                throw new MalformedRecordException("Key field '" + keyField + "' " + e.getMessage());
            }
        }
        RecordOrigin origin = record.kafkaPartition() == null ? null
                : new RecordOrigin(record.topic(), record.kafkaPartition(), record.kafkaOffset());
        return Optional.of(SourceRow.of(key, fields, origin, eventTime));
    }

    /**
     * When the change happened at its source: Debezium's {@code source.ts_ms} (commit time), else the envelope's
     * {@code ts_ms}, else the Kafka record timestamp; null when none is known.
     */
    static Instant eventTime(SinkRecord record) {
        Object value = record.value();
        Object millis = null;
        if (value instanceof Struct struct && isEnvelope(struct.schema())) {
            if (struct.schema().field("source") != null && struct.get("source") instanceof Struct source
                    && source.schema().field("ts_ms") != null) {
                millis = source.get("ts_ms");
            }
            if (millis == null && struct.schema().field("ts_ms") != null) {
                millis = struct.get("ts_ms");
            }
        } else if (value instanceof Map<?, ?> map && map.containsKey("op") && map.containsKey("after")) {
            if (map.get("source") instanceof Map<?, ?> source) {
                millis = source.get("ts_ms");
            }
            if (millis == null) {
                millis = map.get("ts_ms");
            }
        }
        if (millis instanceof Number number) {
            return Instant.ofEpochMilli(number.longValue());
        }
        return record.timestamp() == null || record.timestamp() < 0 ? null : Instant.ofEpochMilli(record.timestamp());
    }

    private Map<String, Object> keyFieldsOf(SinkRecord record) {
        Object key = record.key();
        if (key instanceof Struct || key instanceof Map) {
            Map<String, Object> fields = fieldsOf(key, record.keySchema(), "key");
            return fields == null ? Map.of() : fields;
        }
        if (key != null && keyFields.size() == 1) {
            return Map.of(keyFields.get(0), convert(key, record.keySchema()));
        }
        return Map.of();
    }

    /** The fields of a value or key, null for nothing to compare. */
    private static Map<String, Object> fieldsOf(Object value, Schema schema, String what) {
        if (value == null) {
            return null;
        }
        if (value instanceof Struct struct) {
            Schema structSchema = struct.schema();
            if (isEnvelope(structSchema)) {
                Object op = struct.get("op");
                Object after = struct.get("after");
                return "d".equals(op) || after == null ? null : fieldsOf(after, structSchema.field("after").schema(), what);
            }
            Map<String, Object> fields = new HashMap<>();
            for (Field field : structSchema.fields()) {
                fields.put(field.name(), convert(struct.get(field), field.schema()));
            }
            return fields;
        }
        if (value instanceof Map<?, ?> map) {
            if (map.containsKey("op") && map.containsKey("after")) {
                Object after = map.get("after");
                return "d".equals(map.get("op")) || after == null ? null : fieldsOf(after, null, what);
            }
            Map<String, Object> fields = new HashMap<>();
            map.forEach((k, v) -> fields.put(String.valueOf(k), convert(v, null)));
            return fields;
        }
        throw new MalformedRecordException("The record " + what + " is a " + value.getClass().getSimpleName()
                + ", not a struct or map with named fields");
    }

    private static boolean isEnvelope(Schema schema) {
        return schema.field("op") != null && schema.field("after") != null && schema.field("before") != null;
    }

    static Object convert(Object value, Schema schema) {
        if (value == null) {
            return null;
        }
        String logical = schema == null ? null : schema.name();
        if (logical != null) {
            switch (logical) {
                case Date.LOGICAL_NAME:
                    return ((java.util.Date) value).toInstant().atOffset(ZoneOffset.UTC).toLocalDate();
                case Timestamp.LOGICAL_NAME:
                    return ((java.util.Date) value).toInstant();
                case DEBEZIUM_TIMESTAMP:
                    return Instant.ofEpochMilli(((Number) value).longValue());
                case DEBEZIUM_MICRO_TIMESTAMP: {
                    long micros = ((Number) value).longValue();
                    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
                }
                case DEBEZIUM_NANO_TIMESTAMP: {
                    long nanos = ((Number) value).longValue();
                    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
                }
                case DEBEZIUM_ZONED_TIMESTAMP:
                    try {
                        return OffsetDateTime.parse(value.toString()).toInstant();
                    } catch (DateTimeParseException e) {
                        throw new MalformedRecordException("A ZonedTimestamp field is not ISO-8601: " + e.getMessage());
                    }
                case DEBEZIUM_DATE:
                    return LocalDate.ofEpochDay(((Number) value).longValue());
                case DEBEZIUM_VARIABLE_SCALE_DECIMAL: {
                    Struct decimal = (Struct) value;
                    return new BigDecimal(new BigInteger(decimal.getBytes("value")), decimal.getInt32("scale"));
                }
                default:
                    break;
            }
        }
        if (value instanceof Struct || value instanceof Map || value instanceof List) {
            // Nested values are compared as their text; flatten them upstream (ReplaceField/Flatten) to compare fields.
            return value.toString();
        }
        return CanonicalValues.canonical(value);
    }
}
