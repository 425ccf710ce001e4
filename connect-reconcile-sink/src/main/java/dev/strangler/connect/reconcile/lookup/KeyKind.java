package dev.strangler.connect.reconcile.lookup;

import java.math.BigDecimal;
import java.sql.Types;

import dev.strangler.connect.reconcile.compare.CanonicalValues;

/**
 * The kind of value a target key column holds. A record's key value is brought to it before it is bound, so that
 * an event whose key cannot be such a value (a text key for a {@code bigint} column) is rejected as malformed on its
 * own, instead of failing the whole batch's lookup with a type error ({@code bigint = character varying}).
 */
public enum KeyKind {
    NUMBER,
    TEXT,
    OTHER;

    public static KeyKind ofJdbcType(int jdbcType) {
        return switch (jdbcType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.NUMERIC, Types.DECIMAL, Types.REAL,
                 Types.FLOAT, Types.DOUBLE -> NUMBER;
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR -> TEXT;
            default -> OTHER;
        };
    }

    /**
     * The canonical key value as this kind.
     *
     * @throws IllegalArgumentException when the value cannot be one (the message names the kind, never the value)
     */
    public Object coerce(Object canonical) {
        if (canonical == null) {
            return null;
        }
        switch (this) {
            case NUMBER:
                if (canonical instanceof BigDecimal) {
                    return canonical;
                }
                if (canonical instanceof String text) {
                    try {
                        return new BigDecimal(text.strip());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("is not a number, as the key column requires");
                    }
                }
                throw new IllegalArgumentException("is not a number, as the key column requires");
            case TEXT:
                return canonical instanceof String ? canonical : CanonicalValues.text(canonical);
            default:
                return canonical;
        }
    }
}
