package dev.strangler.connect.acl.normalise;

import org.apache.kafka.connect.data.Schema;

/**
 * Cleans legacy text: CHAR padding trimmed, and blank text in an optional field becomes null (legacy systems
 * often store "no value" as spaces, because their CHAR columns were NOT NULL).
 */
public final class TextNormalisation {

    /** Which blanks are trimmed. */
    public enum Trim {
        NONE,
        /** Trailing blanks only: CHAR padding, keeping intentional leading blanks. */
        TRAILING,
        BOTH
    }

    private TextNormalisation() {
    }

    /** The conversion for a string field; none when it would change nothing. */
    public static FieldConversion forField(Schema schema, Trim trim, boolean blankToNull) {
        boolean nulling = blankToNull && schema.isOptional();
        if (trim == Trim.NONE && !nulling) {
            return null;
        }
        return new FieldConversion() {
            @Override
            public Schema schema() {
                return schema;
            }

            @Override
            public Object convert(Object value) {
                String text = (String) value;
                String trimmed = switch (trim) {
                    case NONE -> text;
                    case TRAILING -> text.stripTrailing();
                    case BOTH -> text.strip();
                };
                return nulling && trimmed.isBlank() ? null : trimmed;
            }
        };
    }
}
