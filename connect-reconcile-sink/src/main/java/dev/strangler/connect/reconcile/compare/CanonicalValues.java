package dev.strangler.connect.reconcile.compare;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HexFormat;

/**
 * Brings values from both sides to one representation per kind before they are compared, so that the comparison
 * never depends on which Java type a converter or a JDBC driver happened to choose: every number becomes a
 * {@link BigDecimal}, every point in time an {@link Instant}, a date a {@link LocalDate}, bytes a hex string.
 *
 * <p>Zone-less timestamps ({@code LocalDateTime}, SQL {@code timestamp}) are read as UTC, as Debezium reads them
 * when it emits {@code io.debezium.time.*Timestamp}; a store that keeps local wall-clock time needs a skew rule.
 */
public final class CanonicalValues {

    private CanonicalValues() {
    }

    public static Object canonical(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof BigDecimal
                || value instanceof Instant || value instanceof LocalDate) {
            return value;
        }
        if (value instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? d.toString() : BigDecimal.valueOf(d);
        }
        if (value instanceof Float f) {
            // Float.toString keeps the float's own shortest decimal (0.1f -> "0.1"), not the widened double's digits.
            return f.isNaN() || f.isInfinite() ? f.toString() : new BigDecimal(Float.toString(f));
        }
        if (value instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (value instanceof Number n) {
            return BigDecimal.valueOf(n.longValue());
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.util.Date d) {
            return d.toInstant();
        }
        if (value instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (value instanceof ZonedDateTime t) {
            return t.toInstant();
        }
        if (value instanceof LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC);
        }
        if (value instanceof byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        }
        return value.toString();
    }

    /** A stable text form of a canonical value, used for keys, evidence and enum lookups. */
    public static String text(Object canonical) {
        if (canonical == null) {
            return null;
        }
        if (canonical instanceof BigDecimal d) {
            return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        }
        return canonical.toString();
    }
}
