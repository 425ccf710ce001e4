package dev.strangler.connect.reconcile.compare;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether two values of one field are equal under the field's rule. Both values are first made canonical
 * ({@link CanonicalValues}) and normalised (trim, case, null-equivalence, enum codes); when the two sides then
 * still have different kinds (a legacy NUMBER(1) flag against a boolean, a numeric string against a number), the
 * string or boolean side is coerced to the other kind, and if that fails the values differ.
 */
public final class FieldComparator {

    private final ComparisonRules rules;

    public FieldComparator(ComparisonRules rules) {
        this.rules = rules;
    }

    /** A normalised pair of values as they were compared; {@link #reason} is empty when they are equal. */
    public record Verdict(Object source, Object target, Optional<String> reason) {
        public boolean equal() {
            return reason.isEmpty();
        }
    }

    public Verdict compare(String field, Object sourceValue, Object targetValue) {
        FieldRule rule = rules.ruleFor(field);
        Object source = normalise(rule, CanonicalValues.canonical(sourceValue), true);
        Object target = normalise(rule, CanonicalValues.canonical(targetValue), false);
        return new Verdict(source, target, difference(rule, source, target));
    }

    private Object normalise(FieldRule rule, Object value, boolean sourceSide) {
        if (!(value instanceof String text)) {
            if (sourceSide && value != null && !rule.enumEquivalence().isEmpty()) {
                String mapped = rule.enumEquivalence().get(CanonicalValues.text(value));
                return mapped == null ? value : mapped;
            }
            return value;
        }
        String s = rule.trim() ? text.strip() : text;
        if ((rules.blankIsNull() && s.isBlank()) || rules.nullEquivalents().contains(s)) {
            return null;
        }
        if (sourceSide) {
            s = rule.enumEquivalence().getOrDefault(s, s);
        }
        return rule.ignoreCase() ? s.toLowerCase(Locale.ROOT) : s;
    }

    private static Optional<String> difference(FieldRule rule, Object source, Object target) {
        if (source == null || target == null) {
            return source == null && target == null ? Optional.empty()
                    : Optional.of(source == null ? "null in source" : "null in target");
        }
        Object[] pair = coerce(source, target);
        Object s = pair[0];
        Object t = pair[1];
        if (s instanceof BigDecimal a && t instanceof BigDecimal b) {
            return numericDifference(rule, a, b);
        }
        if (s instanceof Instant a && t instanceof Instant b) {
            return temporalDifference(rule, a, b);
        }
        if (s.getClass() != t.getClass()) {
            return Optional.of("different kinds of value (" + kind(s) + " vs " + kind(t) + ")");
        }
        return s.equals(t) ? Optional.empty() : Optional.of("values differ");
    }

    private static Optional<String> numericDifference(FieldRule rule, BigDecimal a, BigDecimal b) {
        if (rule.decimalScale() != null) {
            a = a.setScale(rule.decimalScale(), RoundingMode.HALF_EVEN);
            b = b.setScale(rule.decimalScale(), RoundingMode.HALF_EVEN);
        }
        // compareTo, not equals: 1.50 and 1.5 are the same amount at different scales.
        if (a.compareTo(b) == 0) {
            return Optional.empty();
        }
        BigDecimal delta = a.subtract(b).abs();
        if (rule.absoluteTolerance() != null && delta.compareTo(rule.absoluteTolerance()) <= 0) {
            return Optional.empty();
        }
        if (rule.relativeTolerance() != null) {
            BigDecimal magnitude = a.abs().max(b.abs());
            if (delta.compareTo(magnitude.multiply(rule.relativeTolerance())) <= 0) {
                return Optional.empty();
            }
        }
        if (rule.absoluteTolerance() == null && rule.relativeTolerance() == null) {
            return Optional.of("values differ by " + CanonicalValues.text(delta));
        }
        return Optional.of("values differ by " + CanonicalValues.text(delta) + ", beyond tolerance"
                + rule.absolute().map(t -> " absolute " + CanonicalValues.text(t)).orElse("")
                + rule.relative().map(t -> " relative " + CanonicalValues.text(t)).orElse(""));
    }

    private static Optional<String> temporalDifference(FieldRule rule, Instant a, Instant b) {
        if (rule.precision() != null) {
            a = a.truncatedTo(rule.precision().unit());
            b = b.truncatedTo(rule.precision().unit());
        }
        Duration delta = Duration.between(a, b).abs();
        if (delta.compareTo(rule.skew()) <= 0) {
            return Optional.empty();
        }
        return Optional.of("timestamps differ by " + delta + (rule.skew().isZero() ? "" : ", beyond skew " + rule.skew()));
    }

    /** Brings a string or boolean to the kind of the other side where a faithful conversion exists. */
    private static Object[] coerce(Object s, Object t) {
        if (s.getClass() == t.getClass()) {
            return new Object[] {s, t};
        }
        Object sAsT = convert(s, t);
        if (sAsT != null) {
            return new Object[] {sAsT, t};
        }
        Object tAsS = convert(t, s);
        if (tAsS != null) {
            return new Object[] {s, tAsS};
        }
        return new Object[] {s, t};
    }

    /** {@code value} converted to the kind of {@code like}, or null when there is no faithful conversion. */
    private static Object convert(Object value, Object like) {
        if (like instanceof BigDecimal) {
            if (value instanceof Boolean b) {
                return b ? BigDecimal.ONE : BigDecimal.ZERO;
            }
            if (value instanceof String s) {
                try {
                    return new BigDecimal(s);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        if (like instanceof Instant) {
            if (value instanceof LocalDate d) {
                return d.atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            if (value instanceof String s) {
                try {
                    return OffsetDateTime.parse(s).toInstant();
                } catch (DateTimeParseException e) {
                    return null;
                }
            }
        }
        if (like instanceof LocalDate && value instanceof String s) {
            try {
                return LocalDate.parse(s);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        if (like instanceof String) {
            if (value instanceof Boolean b) {
                return b.toString();
            }
        }
        return null;
    }

    private static String kind(Object value) {
        if (value instanceof BigDecimal) {
            return "number";
        }
        if (value instanceof Instant) {
            return "timestamp";
        }
        if (value instanceof LocalDate) {
            return "date";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        return value instanceof String ? "text" : value.getClass().getSimpleName();
    }
}
