package dev.strangler.connect.reconcile.evidence;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.strangler.connect.reconcile.compare.CanonicalValues;
import dev.strangler.connect.reconcile.compare.FieldDifference;

/**
 * The JSON documents of a finding for humans and SQL ({@code differences->0->>'field'}): values as text (numbers as
 * plain decimals with the scale they were compared at, so no digit is lost to a JSON double), booleans and nulls as
 * JSON literals, fields in name order.
 */
public final class EvidenceJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private EvidenceJson() {
    }

    public static String version(Map<String, Object> values) {
        return values == null ? null : object(values).toString();
    }

    /** Values by name as a JSON object, in name order, each value written as evidence writes it. */
    public static ObjectNode object(Map<String, Object> values) {
        ObjectNode node = NODES.objectNode();
        new TreeMap<>(values).forEach((name, value) -> put(node, name, value));
        return node;
    }

    public static String differences(List<FieldDifference> differences) {
        ArrayNode array = NODES.arrayNode();
        for (FieldDifference difference : differences) {
            ObjectNode node = array.addObject().put("field", difference.field()).put("column", difference.column());
            put(node, "source", difference.sourceValue());
            put(node, "target", difference.targetValue());
            node.put("reason", difference.reason());
        }
        return array.toString();
    }

    private static void put(ObjectNode node, String name, Object value) {
        Object canonical = CanonicalValues.canonical(value);
        if (canonical == null) {
            node.putNull(name);
        } else if (canonical instanceof Boolean b) {
            node.put(name, b);
        } else if (canonical instanceof java.math.BigDecimal number) {
            node.put(name, number.toPlainString());
        } else {
            node.put(name, CanonicalValues.text(canonical));
        }
    }
}
