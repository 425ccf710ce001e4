package dev.strangler.connect.acl.struct;

import java.math.BigDecimal;

/** The text form of a field value, for code lookups, splitting and merging: numbers in plain decimal notation. */
public final class FieldText {

    private FieldText() {
    }

    /** Null stays null; decimals without exponent ({@code 1E+3} becomes {@code 1000}); anything else by toString. */
    public static String of(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return value.toString();
    }
}
