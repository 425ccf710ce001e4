package dev.strangler.connect.reconcile.compare;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How one field is compared: string normalisation, numeric tolerances and scale, timestamp precision and skew,
 * and the equivalence of the two systems' enum codes. Immutable; the {@code with*} methods return copies.
 *
 * @param trim             strip leading and trailing white space of strings (fixed-width legacy CHAR columns pad)
 * @param ignoreCase       compare strings case-insensitively
 * @param absoluteTolerance numbers within this distance are equal (null: exact)
 * @param relativeTolerance numbers within this fraction of the larger magnitude are equal (null: exact)
 * @param decimalScale     round both numbers half-even to this scale before comparing (null: no rounding)
 * @param precision        truncate both timestamps to this precision before comparing (null: full precision)
 * @param skew             timestamps at most this far apart are equal
 * @param enumEquivalence  source code -> target code (e.g. {@code A -> ACTIVE}), applied to the source value
 */
public record FieldRule(boolean trim, boolean ignoreCase, BigDecimal absoluteTolerance, BigDecimal relativeTolerance,
                        Integer decimalScale, TimestampPrecision precision, Duration skew,
                        Map<String, String> enumEquivalence) {

    public FieldRule {
        skew = skew == null ? Duration.ZERO : skew;
        enumEquivalence = Map.copyOf(enumEquivalence == null ? Map.of() : enumEquivalence);
    }

    /** Exact comparison, strings trimmed or not as {@code trim} says. */
    public static FieldRule exact(boolean trim) {
        return new FieldRule(trim, false, null, null, null, null, Duration.ZERO, Map.of());
    }

    public FieldRule withIgnoreCase(boolean value) {
        return new FieldRule(trim, value, absoluteTolerance, relativeTolerance, decimalScale, precision, skew, enumEquivalence);
    }

    public FieldRule withAbsoluteTolerance(BigDecimal value) {
        return new FieldRule(trim, ignoreCase, value, relativeTolerance, decimalScale, precision, skew, enumEquivalence);
    }

    public FieldRule withRelativeTolerance(BigDecimal value) {
        return new FieldRule(trim, ignoreCase, absoluteTolerance, value, decimalScale, precision, skew, enumEquivalence);
    }

    public FieldRule withDecimalScale(Integer value) {
        return new FieldRule(trim, ignoreCase, absoluteTolerance, relativeTolerance, value, precision, skew, enumEquivalence);
    }

    public FieldRule withPrecision(TimestampPrecision value) {
        return new FieldRule(trim, ignoreCase, absoluteTolerance, relativeTolerance, decimalScale, value, skew, enumEquivalence);
    }

    public FieldRule withSkew(Duration value) {
        return new FieldRule(trim, ignoreCase, absoluteTolerance, relativeTolerance, decimalScale, precision, value, enumEquivalence);
    }

    public FieldRule withEnumEquivalence(Map<String, String> value) {
        return new FieldRule(trim, ignoreCase, absoluteTolerance, relativeTolerance, decimalScale, precision, skew, value);
    }

    public Optional<BigDecimal> absolute() {
        return Optional.ofNullable(absoluteTolerance);
    }

    public Optional<BigDecimal> relative() {
        return Optional.ofNullable(relativeTolerance);
    }
}
