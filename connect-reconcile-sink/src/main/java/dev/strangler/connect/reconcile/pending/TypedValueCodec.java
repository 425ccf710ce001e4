package dev.strangler.connect.reconcile.pending;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Stores canonical values as JSON that keeps their kind ({@code {"n":"10.50"}}, {@code {"ts":"2026-..."}}), so a
 * pending record read back after a restart compares exactly as it did before: a decimal stays a decimal with its
 * scale, a timestamp an instant with its nanoseconds.
 */
public final class TypedValueCodec {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TypedValueCodec() {
    }

    public static String encodeFields(Map<String, Object> fields) {
        ObjectNode node = NODES.objectNode();
        fields.forEach((name, value) -> node.set(name, encode(value)));
        return node.toString();
    }

    public static Map<String, Object> decodeFields(String json) {
        JsonNode node = parse(json);
        Map<String, Object> fields = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> field = it.next();
            fields.put(field.getKey(), decode(field.getValue()));
        }
        return fields;
    }

    public static String encodeList(List<Object> values) {
        ArrayNode node = NODES.arrayNode();
        values.forEach(v -> node.add(encode(v)));
        return node.toString();
    }

    public static List<Object> decodeList(String json) {
        List<Object> values = new ArrayList<>();
        parse(json).forEach(v -> values.add(decode(v)));
        return values;
    }

    static JsonNode encode(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        String kind;
        if (value instanceof BigDecimal) {
            kind = "n";
        } else if (value instanceof Boolean) {
            kind = "b";
        } else if (value instanceof Instant) {
            kind = "ts";
        } else if (value instanceof LocalDate) {
            kind = "d";
        } else {
            kind = "s";
        }
        String text = value instanceof BigDecimal d ? d.toPlainString() : value.toString();
        return NODES.objectNode().put(kind, text);
    }

    static Object decode(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        Map.Entry<String, JsonNode> typed = node.fields().next();
        String text = typed.getValue().asText();
        return switch (typed.getKey()) {
            case "n" -> new BigDecimal(text);
            case "b" -> Boolean.valueOf(text);
            case "ts" -> Instant.parse(text);
            case "d" -> LocalDate.parse(text);
            default -> text;
        };
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored value is not the JSON this codec writes: " + e.getOriginalMessage(), e);
        }
    }
}
