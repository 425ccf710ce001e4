package dev.strangler.connect.outbox.shape;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns a JSON payload into a Connect value with a schema inferred from that payload alone, so converters with a
 * schema registry (Avro, JSON Schema, Protobuf) see typed fields instead of one opaque string.
 *
 * <p>The inference is deterministic: the same JSON shape always gives an equal schema, whatever the order of keys
 * in the text, so converters and registries see one schema per shape.
 * <ul>
 *   <li>object -> struct whose fields are the keys in alphabetical order, every field optional;</li>
 *   <li>string -> string; true/false -> boolean; integer within 64 bits -> int64; any other number -> float64;</li>
 *   <li>null -> the field is absent from this event's schema (JSON {@code null} and a missing key mean the same);</li>
 *   <li>array -> array of optional elements whose schema unifies every element: structs merge their fields,
 *       int64 with float64 gives float64; an empty array or one holding only nulls is an array of optional strings;
 *       elements whose types cannot be unified (a number and a string, an object and an array) are carried as
 *       their JSON text, so nothing is lost.</li>
 * </ul>
 * The top-level value is required; everything inside it is optional, because the next event may omit it.
 */
public final class JsonPayloadExpander {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * The payload as a Connect value; {@code null} schema and value for the JSON literal {@code null}.
     *
     * @throws BadRowException with {@link BadRowReason#INVALID_JSON} when the text is not one JSON value
     */
    public SchemaAndValue expand(String json) throws BadRowException {
        return expand(json, false);
    }

    /** As {@link #expand(String)}, with an optional top-level schema (for a payload field inside an envelope). */
    public SchemaAndValue expand(String json, boolean optional) throws BadRowException {
        JsonNode node = parse(json);
        if (node.isNull()) {
            return SchemaAndValue.NULL;
        }
        Shape shape = shapeOf(node);
        Schema schema = shape.toSchema(optional);
        return new SchemaAndValue(schema, valueOf(node, schema, shape));
    }

    private static JsonNode parse(String json) throws BadRowException {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new BadRowException(BadRowReason.INVALID_JSON, "payload is empty, not a JSON value");
            }
            return node;
        } catch (JsonProcessingException e) {
            // Jackson's own message quotes the offending text; report only where it is.
            JsonLocation location = e.getLocation();
            throw new BadRowException(BadRowReason.INVALID_JSON, "payload is not valid JSON"
                    + (location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")"));
        }
    }

    // ---- inference: a small shape tree first, so that arrays can unify element shapes before schemas are built.

    private sealed interface Shape permits Primitive, ObjectShape, ArrayShape, JsonText {
        Schema toSchema(boolean optional);
    }

    private record Primitive(Schema.Type type) implements Shape {
        @Override
        public Schema toSchema(boolean optional) {
            SchemaBuilder builder = SchemaBuilder.type(type);
            return (optional ? builder.optional() : builder).build();
        }
    }

    /** Fields sorted by name (a TreeMap), so key order in the JSON text never changes the schema. */
    private record ObjectShape(TreeMap<String, Shape> fields) implements Shape {
        @Override
        public Schema toSchema(boolean optional) {
            SchemaBuilder builder = SchemaBuilder.struct();
            fields.forEach((name, field) -> builder.field(name, field.toSchema(true)));
            return (optional ? builder.optional() : builder).build();
        }
    }

    /** {@code element} is null while no non-null element has been seen (empty array). */
    private record ArrayShape(Shape element) implements Shape {
        @Override
        public Schema toSchema(boolean optional) {
            Schema elementSchema = element == null ? Schema.OPTIONAL_STRING_SCHEMA : element.toSchema(true);
            SchemaBuilder builder = SchemaBuilder.array(elementSchema);
            return (optional ? builder.optional() : builder).build();
        }
    }

    /** Values whose shapes conflict: each is carried as its JSON text. */
    private record JsonText() implements Shape {
        @Override
        public Schema toSchema(boolean optional) {
            return optional ? Schema.OPTIONAL_STRING_SCHEMA : Schema.STRING_SCHEMA;
        }
    }

    private static Shape shapeOf(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT: {
                TreeMap<String, Shape> fields = new TreeMap<>();
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    if (!field.getValue().isNull()) {
                        fields.put(field.getKey(), shapeOf(field.getValue()));
                    }
                }
                return new ObjectShape(fields);
            }
            case ARRAY: {
                Shape element = null;
                for (JsonNode item : node) {
                    if (!item.isNull()) {
                        Shape itemShape = shapeOf(item);
                        element = element == null ? itemShape : unify(element, itemShape);
                    }
                }
                return new ArrayShape(element);
            }
            case STRING:
                return new Primitive(Schema.Type.STRING);
            case BOOLEAN:
                return new Primitive(Schema.Type.BOOLEAN);
            case NUMBER:
                return new Primitive(node.isIntegralNumber() && node.canConvertToLong() ? Schema.Type.INT64 : Schema.Type.FLOAT64);
            default:
                // BINARY, POJO and MISSING never come out of parsing text.
                return new JsonText();
        }
    }

    private static Shape unify(Shape left, Shape right) {
        if (left.equals(right)) {
            return left;
        }
        if (left instanceof Primitive l && right instanceof Primitive r && isNumber(l.type()) && isNumber(r.type())) {
            return new Primitive(Schema.Type.FLOAT64);
        }
        if (left instanceof ObjectShape l && right instanceof ObjectShape r) {
            TreeMap<String, Shape> merged = new TreeMap<>(l.fields());
            r.fields().forEach((name, shape) -> merged.merge(name, shape, JsonPayloadExpander::unify));
            return new ObjectShape(merged);
        }
        if (left instanceof ArrayShape l && right instanceof ArrayShape r) {
            if (l.element() == null || r.element() == null) {
                return l.element() == null ? r : l;
            }
            return new ArrayShape(unify(l.element(), r.element()));
        }
        return new JsonText();
    }

    private static boolean isNumber(Schema.Type type) {
        return type == Schema.Type.INT64 || type == Schema.Type.FLOAT64;
    }

    // ---- values, following the shape (a JsonText shape turns any node into its JSON text).

    private static Object valueOf(JsonNode node, Schema schema, Shape shape) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (shape instanceof JsonText) {
            return node.toString();
        }
        if (shape instanceof ObjectShape objectShape) {
            Struct struct = new Struct(schema);
            objectShape.fields().forEach((name, fieldShape) ->
                    struct.put(name, valueOf(node.get(name), schema.field(name).schema(), fieldShape)));
            return struct;
        }
        if (shape instanceof ArrayShape arrayShape) {
            List<Object> items = new ArrayList<>(node.size());
            for (JsonNode item : node) {
                items.add(arrayShape.element() == null
                        ? (item.isNull() ? null : item.toString())
                        : valueOf(item, schema.valueSchema(), arrayShape.element()));
            }
            return items;
        }
        switch (schema.type()) {
            case STRING:
                return node.asText();
            case BOOLEAN:
                return node.booleanValue();
            case INT64:
                return node.longValue();
            case FLOAT64:
                return node.doubleValue();
            default:
                throw new IllegalStateException("no value for schema type " + schema.type());
        }
    }
}
