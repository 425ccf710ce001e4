package dev.strangler.connect.acl.normalise;

import org.apache.kafka.connect.data.Schema;

/**
 * How one field's values change type or form: the schema the field gets and the per-value function. Built once per
 * input schema; {@link #convert} receives non-null values only (nulls stay null).
 */
public interface FieldConversion {

    Schema schema();

    /**
     * @throws ConversionException when the value cannot be converted (the record is quarantined)
     */
    Object convert(Object value);

    /** This conversion followed by {@code next} (which must accept this one's output schema). */
    default FieldConversion andThen(FieldConversion next) {
        FieldConversion first = this;
        return new FieldConversion() {
            @Override
            public Schema schema() {
                return next.schema();
            }

            @Override
            public Object convert(Object value) {
                Object intermediate = first.convert(value);
                return intermediate == null ? null : next.convert(intermediate);
            }
        };
    }
}
