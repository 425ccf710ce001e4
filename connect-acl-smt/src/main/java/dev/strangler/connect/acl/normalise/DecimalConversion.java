package dev.strangler.connect.acl.normalise;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * Oracle's bare {@code NUMBER} and {@code FLOAT} reach Kafka as Debezium's {@code VariableScaleDecimal}
 * (a struct of scale and unscaled bytes) because their scale varies per row. A domain contract needs a fixed scale:
 * this converts to Connect's {@link Decimal} with the configured scale. A value with more fractional digits than
 * the scale is an error unless a rounding mode is configured (money must not be rounded silently).
 */
public final class DecimalConversion {

    /** Debezium's logical name for variable-scale decimals. */
    public static final String VARIABLE_SCALE_DECIMAL = "io.debezium.data.VariableScaleDecimal";

    private final int scale;
    private final RoundingMode rounding;

    public DecimalConversion(int scale, RoundingMode rounding) {
        this.scale = scale;
        this.rounding = rounding;
    }

    public static boolean handles(Schema schema) {
        return VARIABLE_SCALE_DECIMAL.equals(schema.name()) && schema.type() == Schema.Type.STRUCT;
    }

    public FieldConversion forField(String path, Schema schema) {
        SchemaBuilder builder = Decimal.builder(scale);
        Schema out = schema.isOptional() ? builder.optional().build() : builder.build();
        return new FieldConversion() {
            @Override
            public Schema schema() {
                return out;
            }

            @Override
            public Object convert(Object value) {
                Struct struct = (Struct) value;
                Integer valueScale = struct.getInt32("scale");
                byte[] unscaled = struct.getBytes("value");
                if (valueScale == null || unscaled == null) {
                    throw new ConversionException("field " + path + " is an incomplete VariableScaleDecimal");
                }
                BigDecimal decimal = new BigDecimal(new BigInteger(unscaled), valueScale);
                try {
                    return decimal.setScale(scale, rounding);
                } catch (ArithmeticException e) {
                    throw new ConversionException("field " + path + " has more than " + scale
                            + " fractional digits and decimal.rounding is unnecessary");
                }
            }
        };
    }
}
