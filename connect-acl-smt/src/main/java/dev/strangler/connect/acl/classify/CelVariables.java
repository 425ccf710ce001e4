package dev.strangler.connect.acl.classify;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;

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
        Map<String, String> headerMap = new HashMap<>();
        for (Header header : headers) {
            if (header.value() != null) {
                headerMap.put(header.key(), header.value().toString());
            }
        }
        variables.put(HEADERS, headerMap);
        variables.put(TOPIC, topic == null ? "" : topic);
        return variables;
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
