package dev.strangler.connect.acl.normalise;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;

/**
 * Legacy flags ({@code 'Y'/'N'}, {@code 'J'/'N'}, {@code 1/0}, {@code 'T'/'F'}) to booleans. Codes compare
 * case-insensitively after trimming; a blank flag in an optional field is null; any other code in neither list is
 * an error, never silently false.
 */
public final class BooleanCodes {

    private final Set<String> trueCodes;
    private final Set<String> falseCodes;

    private BooleanCodes(Set<String> trueCodes, Set<String> falseCodes) {
        this.trueCodes = trueCodes;
        this.falseCodes = falseCodes;
    }

    /** @throws IllegalArgumentException when a code is listed as both true and false, or a list is empty */
    public static BooleanCodes of(List<String> trueCodes, List<String> falseCodes) {
        Set<String> t = normalise(trueCodes);
        Set<String> f = normalise(falseCodes);
        if (t.isEmpty() || f.isEmpty()) {
            throw new IllegalArgumentException("list at least one code for true and one for false");
        }
        Set<String> both = t.stream().filter(f::contains).collect(Collectors.toCollection(LinkedHashSet::new));
        if (!both.isEmpty()) {
            throw new IllegalArgumentException("codes " + both + " are listed as both true and false");
        }
        return new BooleanCodes(t, f);
    }

    private static Set<String> normalise(List<String> codes) {
        // configured order is kept, so messages list the codes as the user wrote them
        Set<String> normalised = codes.stream().map(c -> c.strip().toUpperCase(Locale.ROOT)).filter(c -> !c.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        return Collections.unmodifiableSet(normalised);
    }

    /** The conversion for a flag field of text, integer or decimal type. */
    public FieldConversion forField(String path, Schema schema) {
        boolean textual = schema.type() == Schema.Type.STRING;
        boolean numeric = switch (schema.type()) {
            case INT8, INT16, INT32, INT64 -> schema.name() == null;
            case BYTES -> Decimal.LOGICAL_NAME.equals(schema.name());
            default -> false;
        };
        if (!textual && !numeric) {
            throw new IllegalArgumentException("field " + path + " has type " + schema.type() + ", which holds no flag codes");
        }
        Schema target = schema.isOptional() ? Schema.OPTIONAL_BOOLEAN_SCHEMA : Schema.BOOLEAN_SCHEMA;
        return new FieldConversion() {
            @Override
            public Schema schema() {
                return target;
            }

            @Override
            public Object convert(Object value) {
                String code = value instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : value.toString();
                String normalised = code.strip().toUpperCase(Locale.ROOT);
                if (normalised.isEmpty() && target.isOptional()) {
                    return null; // a blank flag is no value, as blank text is
                }
                if (trueCodes.contains(normalised)) {
                    return Boolean.TRUE;
                }
                if (falseCodes.contains(normalised)) {
                    return Boolean.FALSE;
                }
                throw new ConversionException("field " + path + " holds '" + abbreviate(code) + "', which is neither a true code "
                        + trueCodes + " nor a false code " + falseCodes);
            }
        };
    }

    private static String abbreviate(String code) {
        return code.length() <= 16 ? code : code.substring(0, 16) + "...";
    }
}
