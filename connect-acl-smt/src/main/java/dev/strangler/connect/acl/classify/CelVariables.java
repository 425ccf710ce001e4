package dev.strangler.connect.acl.classify;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;

import dev.cel.runtime.CelVariableResolver;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.header.Headers;

/**
 * The variables a CEL condition sees, converted from Connect data to CEL's value types: structs and maps become
 * maps, integers become {@code int}, floats {@code double}, decimals {@code double} (conditions compare, they do not
 * compute money), bytes {@code bytes}, Connect dates and timestamps {@code timestamp}. Null fields are left out of
 * their map, so conditions test them with {@code has(value.field)}.
 *
 * <p>Per record, {@link #lazy} is what the transforms use: it converts a variable only when a condition reads it,
 * and of {@code value} and {@code key} only the fields the conditions select ({@link FieldSelection}). A condition
 * sees the same values either way; {@link #of} converts everything, for tests and tools.
 */
public final class CelVariables {

    public static final String VALUE = "value";
    public static final String KEY = "key";
    public static final String HEADERS = "headers";
    public static final String TOPIC = "topic";

    private CelVariables() {
    }

    public static Map<String, Object> of(Object key, Object value, Headers headers, String topic) {
        Map<String, Object> variables = new HashMap<>(8);
        variables.put(KEY, key == null ? Map.of() : toCel(key));
        variables.put(VALUE, value == null ? Map.of() : toCel(value));
        variables.put(HEADERS, headerMap(headers));
        variables.put(TOPIC, topic == null ? "" : topic);
        return variables;
    }

    /**
     * The variables of one record, each converted on first use and kept for the next condition evaluated on the
     * same record. Not thread-safe: one per record.
     */
    public static CelVariableResolver lazy(Object key, Object value, Headers headers, String topic, FieldSelection selection) {
        return new RecordVariables(key, value, headers, topic, selection);
    }

    private static final class RecordVariables implements CelVariableResolver {
        private final Object key;
        private final Object value;
        private final Headers headers;
        private final String topic;
        private final FieldSelection selection;
        private Optional<Object> celKey;
        private Optional<Object> celValue;
        private Optional<Object> celHeaders;

        RecordVariables(Object key, Object value, Headers headers, String topic, FieldSelection selection) {
            this.key = key;
            this.value = value;
            this.headers = headers;
            this.topic = topic;
            this.selection = selection;
        }

        @Override
        public Optional<Object> find(String name) {
            switch (name) {
                case VALUE -> {
                    if (celValue == null) {
                        celValue = Optional.of(value == null ? Map.of() : selectedFields(value, selection.fieldsOf(VALUE)));
                    }
                    return celValue;
                }
                case KEY -> {
                    if (celKey == null) {
                        celKey = Optional.of(key == null ? Map.of() : selectedFields(key, selection.fieldsOf(KEY)));
                    }
                    return celKey;
                }
                case HEADERS -> {
                    if (celHeaders == null) {
                        celHeaders = Optional.of(headerMap(headers));
                    }
                    return celHeaders;
                }
                case TOPIC -> {
                    return Optional.of(topic == null ? "" : topic);
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
    }

    /** A struct as a map of only the named top-level fields (null: all of them); anything else as {@link #toCel(Object)}. */
    private static Object selectedFields(Object value, Set<String> fieldNames) {
        if (fieldNames == null || !(value instanceof Struct struct)) {
            return toCel(value);
        }
        Map<String, Object> map = new HashMap<>();
        for (String name : fieldNames) {
            Field field = struct.schema().field(name);
            Object fieldValue = field == null ? null : struct.get(field);
            if (fieldValue != null) {
                map.put(name, toCel(fieldValue, field.schema()));
            }
        }
        return map;
    }

    private static Map<String, String> headerMap(Headers headers) {
        Map<String, String> headerMap = new HashMap<>();
        for (Header header : headers) {
            if (header.value() != null) {
                headerMap.put(header.key(), header.value().toString());
            }
        }
        return headerMap;
    }

    static Object toCel(Object value) {
        if (value instanceof Struct struct) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Field field : struct.schema().fields()) {
                Object fieldValue = struct.get(field);
                if (fieldValue != null) {
                    map.put(field.name(), toCel(fieldValue, field.schema()));
                }
            }
            return map;
        }
        return toCel(value, null);
    }

    private static Object toCel(Object value, Schema schema) {
        if (value instanceof Struct) {
            return toCel(value);
        }
        if (value instanceof Byte || value instanceof Short || value instanceof Integer) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.doubleValue();
        }
        if (value instanceof byte[] bytes) {
            return ByteString.copyFrom(bytes);
        }
        if (value instanceof Date date) {
            long millis = date.getTime();
            return Timestamp.newBuilder().setSeconds(Math.floorDiv(millis, 1000L))
                    .setNanos((int) Math.floorMod(millis, 1000L) * 1_000_000).build();
        }
        if (value instanceof List<?> list) {
            List<Object> converted = new ArrayList<>(list.size());
            Schema elements = schema == null ? null : schema.valueSchema();
            list.forEach(element -> converted.add(element == null ? null : toCel(element, elements)));
            return converted;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> converted = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (v != null) {
                    converted.put(toCel(k, null), toCel(v, null));
                }
            });
            return converted;
        }
        return value; // String, Long, Double, Boolean are CEL values as they are
    }
}
