package dev.strangler.connect.acl.contract;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.SchemaParseException;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * A domain-event contract given as an Avro schema ({@code .avsc}), translated once into the Connect schema every
 * output record will have. Supported: records, the primitive types, nullable unions {@code ["null", T]}, enums
 * (as strings restricted to their symbols), arrays, maps, and the logical types decimal, date, time-millis,
 * timestamp-millis and uuid. Anything else is refused when the contract is loaded, not when a record arrives.
 */
public final class AvroContract {

    private final Schema schema;
    private final Map<String, Set<String>> enumSymbols;

    private AvroContract(Schema schema, Map<String, Set<String>> enumSymbols) {
        this.schema = schema;
        this.enumSymbols = enumSymbols;
    }

    /** @throws IllegalArgumentException when the text is not an Avro record schema this class supports */
    public static AvroContract parse(String avsc) {
        org.apache.avro.Schema avro;
        try {
            avro = new org.apache.avro.Schema.Parser().parse(avsc);
        } catch (SchemaParseException e) {
            throw new IllegalArgumentException("not a valid Avro schema: " + e.getMessage());
        }
        if (avro.getType() != org.apache.avro.Schema.Type.RECORD) {
            throw new IllegalArgumentException("the contract must be an Avro record, not " + avro.getType());
        }
        Map<String, Set<String>> symbols = new HashMap<>();
        Schema schema = toConnect("", avro, false, null, symbols);
        return new AvroContract(schema, Map.copyOf(symbols));
    }

    /** @throws IllegalArgumentException when the file cannot be read or holds no supported contract */
    public static AvroContract load(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** The Connect schema of every output record. */
    public Schema schema() {
        return schema;
    }

    /** The allowed symbols of an enum field by dotted path; empty for other fields. */
    public Set<String> enumSymbols(String path) {
        return enumSymbols.getOrDefault(path, Set.of());
    }

    private static Schema toConnect(String path, org.apache.avro.Schema avro, boolean optional, Object defaultValue,
                                    Map<String, Set<String>> symbols) {
        SchemaBuilder builder = builder(path, avro, symbols);
        if (optional) {
            builder.optional();
        }
        if (defaultValue != null) {
            builder.defaultValue(defaultValue);
        }
        return builder.build();
    }

    private static SchemaBuilder builder(String path, org.apache.avro.Schema avro, Map<String, Set<String>> symbols) {
        LogicalType logical = avro.getLogicalType();
        if (logical != null) {
            return logicalBuilder(path, avro, logical);
        }
        return switch (avro.getType()) {
            case RECORD -> {
                SchemaBuilder struct = SchemaBuilder.struct().name(avro.getFullName());
                if (avro.getDoc() != null) {
                    struct.doc(avro.getDoc());
                }
                for (org.apache.avro.Schema.Field field : avro.getFields()) {
                    String fieldPath = path.isEmpty() ? field.name() : path + "." + field.name();
                    struct.field(field.name(), fieldSchema(fieldPath, field, symbols));
                }
                yield struct;
            }
            case BOOLEAN -> SchemaBuilder.bool();
            case INT -> SchemaBuilder.int32();
            case LONG -> SchemaBuilder.int64();
            case FLOAT -> SchemaBuilder.float32();
            case DOUBLE -> SchemaBuilder.float64();
            case STRING -> SchemaBuilder.string();
            case BYTES -> SchemaBuilder.bytes();
            case ENUM -> {
                symbols.put(path, new LinkedHashSet<>(avro.getEnumSymbols()));
                yield SchemaBuilder.string();
            }
            case ARRAY -> SchemaBuilder.array(toConnect(path + "[]", avro.getElementType(), false, null, symbols));
            case MAP -> SchemaBuilder.map(Schema.STRING_SCHEMA, toConnect(path + "{}", avro.getValueType(), false, null, symbols));
            default -> throw new IllegalArgumentException("field " + path + ": Avro type " + avro.getType()
                    + " is not supported in a contract");
        };
    }

    private static Schema fieldSchema(String path, org.apache.avro.Schema.Field field, Map<String, Set<String>> symbols) {
        org.apache.avro.Schema avro = field.schema();
        boolean optional = false;
        if (avro.getType() == org.apache.avro.Schema.Type.UNION) {
            List<org.apache.avro.Schema> types = avro.getTypes();
            long nulls = types.stream().filter(t -> t.getType() == org.apache.avro.Schema.Type.NULL).count();
            if (types.size() != 2 || nulls != 1) {
                throw new IllegalArgumentException("field " + path + ": only unions of null and one type are supported");
            }
            avro = types.get(0).getType() == org.apache.avro.Schema.Type.NULL ? types.get(1) : types.get(0);
            optional = true;
        }
        Object defaultValue = null;
        if (field.hasDefaultValue() && field.defaultVal() != null && field.defaultVal() != org.apache.avro.JsonProperties.NULL_VALUE) {
            defaultValue = connectDefault(path, avro, field.defaultVal());
        }
        return toConnect(path, avro, optional, defaultValue, symbols);
    }

    private static Object connectDefault(String path, org.apache.avro.Schema avro, Object value) {
        if (avro.getLogicalType() != null) {
            throw new IllegalArgumentException("field " + path + ": defaults of logical types are not supported");
        }
        return switch (avro.getType()) {
            case BOOLEAN, STRING -> value instanceof CharSequence text ? text.toString() : value;
            case INT -> ((Number) value).intValue();
            case LONG -> ((Number) value).longValue();
            case FLOAT -> ((Number) value).floatValue();
            case DOUBLE -> ((Number) value).doubleValue();
            case ENUM -> value.toString();
            case BYTES -> value instanceof ByteBuffer buffer ? buffer.array() : value;
            default -> throw new IllegalArgumentException("field " + path + ": defaults of type " + avro.getType()
                    + " are not supported");
        };
    }

    private static SchemaBuilder logicalBuilder(String path, org.apache.avro.Schema avro, LogicalType logical) {
        if (logical instanceof LogicalTypes.Decimal decimal) {
            return Decimal.builder(decimal.getScale()).parameter("connect.decimal.precision", Integer.toString(decimal.getPrecision()));
        }
        return switch (logical.getName()) {
            case "date" -> Date.builder();
            case "time-millis" -> Time.builder();
            case "timestamp-millis" -> Timestamp.builder();
            case "uuid" -> SchemaBuilder.string();
            default -> throw new IllegalArgumentException("field " + path + ": logical type " + logical.getName()
                    + " is not supported in a contract (Connect has no equivalent; use timestamp-millis or a string)");
        };
    }
}
