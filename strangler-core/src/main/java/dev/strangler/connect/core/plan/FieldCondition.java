package dev.strangler.connect.core.plan;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A safe, declarative condition on one field of a record: the value is one of a list (equality is a list of one)
 * or starts with one of a list of prefixes. Nothing else: no expressions, no scripting, so a plan can be
 * validated completely (overlaps between scopes are decidable) and evaluated without surprises.
 *
 * <p>Values are compared as text; numbers are compared by their plain decimal form, so {@code 7}, {@code 7.0}
 * and {@code 7L} are the same value.
 */
public final class FieldCondition {

    /** What the condition tests. */
    public enum Kind { ONE_OF, PREFIX }

    private final String field;
    private final Kind kind;
    private final Set<String> operands;

    private FieldCondition(String field, Kind kind, Set<String> operands) {
        if (operands.isEmpty()) {
            throw new IllegalArgumentException("A condition on " + field + " needs at least one value");
        }
        this.field = field;
        this.kind = kind;
        this.operands = Set.copyOf(operands);
    }

    public static FieldCondition oneOf(String field, Set<String> values) {
        return new FieldCondition(field, Kind.ONE_OF, values);
    }

    public static FieldCondition prefix(String field, Set<String> prefixes) {
        return new FieldCondition(field, Kind.PREFIX, prefixes);
    }

    public String field() {
        return field;
    }

    public Kind kind() {
        return kind;
    }

    public Set<String> operands() {
        return operands;
    }

    /** Whether a record's value of the field satisfies the condition; a missing or null value never does. */
    public boolean test(Object value) {
        if (value == null) {
            return false;
        }
        String text = canonical(value);
        if (kind == Kind.ONE_OF) {
            return operands.contains(text);
        }
        for (String prefix : operands) {
            if (text.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Whether every value satisfying this condition also satisfies {@code other} (same field assumed). */
    boolean isWithin(FieldCondition other) {
        if (other.kind == Kind.ONE_OF) {
            return kind == Kind.ONE_OF && other.operands.containsAll(operands);
        }
        // other is a prefix set: each of our values or prefixes must start with one of its prefixes
        return operands.stream().allMatch(mine -> other.operands.stream().anyMatch(mine::startsWith));
    }

    /** Whether some value satisfies both conditions (same field assumed). */
    boolean overlaps(FieldCondition other) {
        if (kind == Kind.ONE_OF && other.kind == Kind.ONE_OF) {
            return operands.stream().anyMatch(other.operands::contains);
        }
        if (kind == Kind.ONE_OF) {
            return operands.stream().anyMatch(value -> other.operands.stream().anyMatch(value::startsWith));
        }
        if (other.kind == Kind.ONE_OF) {
            return other.overlaps(this);
        }
        return operands.stream().anyMatch(mine -> other.operands.stream()
                .anyMatch(theirs -> mine.startsWith(theirs) || theirs.startsWith(mine)));
    }

    /** The text form values are compared in. */
    static String canonical(Object value) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof BigDecimal decimal) {
            return plain(decimal);
        }
        if (value instanceof Number number) {
            try {
                return plain(new BigDecimal(number.toString()));
            } catch (NumberFormatException e) {
                return number.toString(); // NaN, Infinity
            }
        }
        return value.toString();
    }

    private static String plain(BigDecimal decimal) {
        return decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toPlainString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldCondition other && other.field.equals(field) && other.kind == kind
                && other.operands.equals(operands);
    }

    @Override
    public int hashCode() {
        return field.hashCode() * 31 + operands.hashCode();
    }

    /** Human form for reviews: {@code country in (AT, DE)}, {@code type starts with ADDR}. */
    @Override
    public String toString() {
        List<String> sorted = List.copyOf(new TreeSet<>(operands));
        if (kind == Kind.ONE_OF) {
            return sorted.size() == 1 ? field + " = " + sorted.get(0) : field + " in (" + String.join(", ", sorted) + ")";
        }
        return field + " starts with " + sorted.stream().collect(Collectors.joining(" or "));
    }
}
