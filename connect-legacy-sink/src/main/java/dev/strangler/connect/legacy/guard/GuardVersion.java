package dev.strangler.connect.legacy.guard;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Objects;

/**
 * The version a write carries for its table's guard column, comparable the way the database compares the column:
 * numbers by value whatever their Java type, instants by time, text by character order. The database decides
 * across batches; this ordering decides only within one batch (see {@link BatchReduction}), so it must agree with
 * it.
 */
public final class GuardVersion implements Comparable<GuardVersion> {

    private final Object value;
    private final Comparable<Object> order;

    @SuppressWarnings("unchecked")
    private GuardVersion(Object value, Comparable<?> order) {
        this.value = value;
        this.order = (Comparable<Object>) order;
    }

    /**
     * @throws IllegalArgumentException when the value is null or of a type a version column cannot hold
     */
    public static GuardVersion of(Object value) {
        if (value == null) {
            throw new IllegalArgumentException("the version is null");
        }
        return new GuardVersion(value, orderOf(value));
    }

    private static Comparable<?> orderOf(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof BigInteger integer) {
            return new BigDecimal(integer);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("the version " + d + " is not a finite number");
            }
            return BigDecimal.valueOf(d);
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (value instanceof ZonedDateTime time) {
            return time.toInstant();
        }
        if (value instanceof Date date) {
            return date.toInstant();
        }
        if (value instanceof LocalDateTime || value instanceof LocalDate || value instanceof String) {
            return (Comparable<?>) value;
        }
        throw new IllegalArgumentException("a version of type " + value.getClass().getSimpleName()
                + " cannot be compared; use a number, a timestamp or text");
    }

    /** The value bound to the guard column. */
    public Object value() {
        return value;
    }

    /** Whether the two versions can be ordered (numbers with numbers, instants with instants, ...). */
    public boolean comparableWith(GuardVersion other) {
        return order.getClass() == other.order.getClass();
    }

    /** @throws IllegalArgumentException when the versions are of different kinds */
    @Override
    public int compareTo(GuardVersion other) {
        if (!comparableWith(other)) {
            throw new IllegalArgumentException("versions of different kinds cannot be ordered: "
                    + order.getClass().getSimpleName() + " and " + other.order.getClass().getSimpleName());
        }
        return order.compareTo(other.order);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GuardVersion other && comparableWith(other) && compareTo(other) == 0;
    }

    @Override
    public int hashCode() {
        Object ordered = order;
        return ordered instanceof BigDecimal decimal ? decimal.stripTrailingZeros().hashCode() : Objects.hashCode(ordered);
    }

    @Override
    public String toString() {
        return String.valueOf(value);
    }
}
