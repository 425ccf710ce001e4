package dev.strangler.connect.acl.contract;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * How records of one input schema become records of the contract schema, compiled once per input schema: each
 * contract field is taken from the input field of the same name, widened where that loses nothing (int to long,
 * float to double, a decimal to a larger scale), or filled with its default or null when the input lacks it and the
 * contract allows that. What cannot fit is a {@link ContractViolation}: at compile time when the schemas cannot
 * fit at all, per record when a value does not (a null in a required field, an enum symbol the contract does not
 * list, a decimal that would lose digits).
 */
public final class ContractProjection {

    /** How one contract field gets its value from the input struct (which may be null for an absent struct). */
    @FunctionalInterface
    private interface FieldSource {
        Object value(Struct input);
    }

    private record FieldRule(Field field, FieldSource source) {
    }

    private final Schema schema;
    private final List<FieldRule> rules;

    private ContractProjection(Schema schema, List<FieldRule> rules) {
        this.schema = schema;
        this.rules = rules;
    }

    /**
     * @param dropExtraFields whether input fields the contract does not name are dropped (else they violate it)
     * @throws ContractViolation when the input schema cannot fit the contract
     */
    public static ContractProjection compile(AvroContract contract, Schema input, boolean dropExtraFields) {
        return compile(contract, "", contract.schema(), input, dropExtraFields);
    }

    private static ContractProjection compile(AvroContract contract, String path, Schema out, Schema in, boolean dropExtra) {
        if (in.type() != Schema.Type.STRUCT) {
            throw new ContractViolation(path.isEmpty() ? "value" : path, "the record " + (path.isEmpty() ? "value" : "field " + path)
                    + " is not a struct");
        }
        if (!dropExtra) {
            List<String> extra = in.fields().stream().map(Field::name).filter(name -> out.field(name) == null).toList();
            if (!extra.isEmpty()) {
                throw new ContractViolation(path.isEmpty() ? "value" : path, "fields " + extra + (path.isEmpty() ? "" : " in " + path)
                        + " are not in the contract");
            }
        }
        List<FieldRule> rules = new ArrayList<>();
        for (Field field : out.fields()) {
            String fieldPath = path.isEmpty() ? field.name() : path + "." + field.name();
            Field source = in.field(field.name());
            rules.add(new FieldRule(field, source == null ? absent(fieldPath, field.schema())
                    : present(contract, fieldPath, field.schema(), source, dropExtra)));
        }
        return new ContractProjection(out, List.copyOf(rules));
    }

    private static FieldSource absent(String path, Schema out) {
        if (out.defaultValue() != null) {
            Object defaultValue = out.defaultValue();
            return input -> defaultValue;
        }
        if (out.isOptional()) {
            return input -> null;
        }
        throw new ContractViolation(path, "the record has no field " + path + ", which the contract requires");
    }

    private static FieldSource present(AvroContract contract, String path, Schema out, Field source, boolean dropExtra) {
        Schema in = source.schema();
        String name = source.name();
        ValueConversion conversion = conversion(contract, path, out, in, dropExtra);
        Object defaultValue = out.defaultValue();
        return input -> {
            Object value = input == null ? null : input.get(name);
            if (value == null) {
                if (defaultValue != null) {
                    return defaultValue;
                }
                if (!out.isOptional()) {
                    throw new ContractViolation(path, "field " + path + " is null but the contract requires a value");
                }
                return null;
            }
            return conversion.convert(value);
        };
    }

    @FunctionalInterface
    private interface ValueConversion {
        Object convert(Object value);
    }

    private static ValueConversion conversion(AvroContract contract, String path, Schema out, Schema in, boolean dropExtra) {
        if (out.type() == Schema.Type.STRUCT) {
            ContractProjection nested = compile(contract, path, out, in, dropExtra);
            return value -> nested.apply((Struct) value);
        }
        if (Decimal.LOGICAL_NAME.equals(out.name())) {
            int scale = Integer.parseInt(out.parameters().get(Decimal.SCALE_FIELD));
            if (!Decimal.LOGICAL_NAME.equals(in.name()) && !isPlainInteger(in)) {
                throw mismatch(path, out, in);
            }
            return value -> {
                BigDecimal decimal = value instanceof BigDecimal d ? d : BigDecimal.valueOf(((Number) value).longValue());
                try {
                    return decimal.setScale(scale);
                } catch (ArithmeticException e) {
                    throw new ContractViolation(path, "field " + path + " has more than " + scale + " fractional digits");
                }
            };
        }
        if (!Objects.equals(out.name(), in.name())) {
            throw mismatch(path, out, in);
        }
        Set<String> symbols = contract.enumSymbols(path);
        if (!symbols.isEmpty()) {
            if (in.type() != Schema.Type.STRING) {
                throw mismatch(path, out, in);
            }
            return value -> {
                if (!symbols.contains(value)) {
                    throw new ContractViolation(path, "field " + path + " is not one of the contract's symbols " + symbols);
                }
                return value;
            };
        }
        if (out.type() == in.type()) {
            if ((out.type() == Schema.Type.ARRAY || out.type() == Schema.Type.MAP) && !sameElements(out, in)) {
                throw mismatch(path, out, in);
            }
            return value -> value;
        }
        return widening(path, out, in);
    }

    private static boolean sameElements(Schema out, Schema in) {
        boolean values = out.valueSchema().type() == in.valueSchema().type()
                && Objects.equals(out.valueSchema().name(), in.valueSchema().name());
        return out.type() == Schema.Type.ARRAY ? values
                : values && out.keySchema().type() == in.keySchema().type();
    }

    private static boolean isPlainInteger(Schema schema) {
        return schema.name() == null && switch (schema.type()) {
            case INT8, INT16, INT32, INT64 -> true;
            default -> false;
        };
    }

    private static ValueConversion widening(String path, Schema out, Schema in) {
        if (in.name() != null) {
            throw mismatch(path, out, in);
        }
        int inRank = integerRank(in.type());
        int outRank = integerRank(out.type());
        if (inRank > 0 && outRank > inRank) {
            return switch (out.type()) {
                case INT16 -> value -> ((Number) value).shortValue();
                case INT32 -> value -> ((Number) value).intValue();
                default -> value -> ((Number) value).longValue();
            };
        }
        if (out.type() == Schema.Type.FLOAT64 && (in.type() == Schema.Type.FLOAT32 || (inRank > 0 && inRank <= 3))) {
            return value -> ((Number) value).doubleValue();
        }
        throw mismatch(path, out, in);
    }

    private static int integerRank(Schema.Type type) {
        return switch (type) {
            case INT8 -> 1;
            case INT16 -> 2;
            case INT32 -> 3;
            case INT64 -> 4;
            default -> 0;
        };
    }

    private static ContractViolation mismatch(String path, Schema out, Schema in) {
        return new ContractViolation(path, "field " + path + " has type " + describe(in) + " but the contract needs "
                + describe(out));
    }

    private static String describe(Schema schema) {
        return schema.name() == null ? schema.type().toString() : schema.type() + " (" + schema.name() + ")";
    }

    /** The contract schema. */
    public Schema schema() {
        return schema;
    }

    /**
     * @throws ContractViolation when a value does not fit
     */
    public Struct apply(Struct input) {
        Struct out = new Struct(schema);
        for (FieldRule rule : rules) {
            out.put(rule.field(), rule.source().value(input));
        }
        return out;
    }
}
