package dev.strangler.connect.reconcile.compare;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The deterministic rules one reconciliation applies: fields never compared, string values that count as null on
 * either side, and per-field {@link FieldRule}s over a default rule.
 *
 * @param ignoredFields  record fields left out of the comparison (audit columns, surrogate ids, ...)
 * @param nullEquivalents string values treated as null on both sides (after trimming when the field trims)
 * @param blankIsNull    whether an empty or blank string equals null (Oracle stores '' as NULL)
 * @param defaultRule    the rule of every field without its own
 * @param fieldRules     rules by record field name
 */
public record ComparisonRules(Set<String> ignoredFields, Set<String> nullEquivalents, boolean blankIsNull,
                              FieldRule defaultRule, Map<String, FieldRule> fieldRules) {

    public ComparisonRules {
        ignoredFields = Set.copyOf(ignoredFields);
        nullEquivalents = Set.copyOf(nullEquivalents);
        fieldRules = Map.copyOf(fieldRules);
    }

    /** Exact comparison of every field, strings trimmed, blank equal to null. */
    public static ComparisonRules defaults() {
        return new ComparisonRules(Set.of(), Set.of(), true, FieldRule.exact(true), Map.of());
    }

    public FieldRule ruleFor(String field) {
        return fieldRules.getOrDefault(field, defaultRule);
    }

    public boolean ignores(String field) {
        return ignoredFields.contains(field);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Assembles rules from the per-concern settings of the configuration, one field rule per mentioned field. */
    public static final class Builder {
        private final Set<String> ignored = new HashSet<>();
        private final Set<String> nullEquivalents = new HashSet<>();
        private boolean blankIsNull = true;
        private boolean trim = true;
        private final Map<String, UnaryOperator<FieldRule>> refinements = new HashMap<>();

        public Builder ignore(Set<String> fields) {
            ignored.addAll(fields);
            return this;
        }

        public Builder nullEquivalents(Set<String> values) {
            nullEquivalents.addAll(values);
            return this;
        }

        public Builder blankIsNull(boolean value) {
            blankIsNull = value;
            return this;
        }

        public Builder trim(boolean value) {
            trim = value;
            return this;
        }

        public Builder ignoreCase(Set<String> fields) {
            fields.forEach(f -> refine(f, r -> r.withIgnoreCase(true)));
            return this;
        }

        public Builder absoluteTolerance(Map<String, BigDecimal> byField) {
            byField.forEach((f, v) -> refine(f, r -> r.withAbsoluteTolerance(v)));
            return this;
        }

        public Builder relativeTolerance(Map<String, BigDecimal> byField) {
            byField.forEach((f, v) -> refine(f, r -> r.withRelativeTolerance(v)));
            return this;
        }

        public Builder decimalScale(Map<String, Integer> byField) {
            byField.forEach((f, v) -> refine(f, r -> r.withDecimalScale(v)));
            return this;
        }

        public Builder precision(Map<String, TimestampPrecision> byField) {
            byField.forEach((f, v) -> refine(f, r -> r.withPrecision(v)));
            return this;
        }

        public Builder skew(Map<String, Duration> byField) {
            byField.forEach((f, v) -> refine(f, r -> r.withSkew(v)));
            return this;
        }

        public Builder enumEquivalence(Map<String, Map<String, String>> byField) {
            byField.forEach((f, v) -> refine(f, r -> r.withEnumEquivalence(v)));
            return this;
        }

        private void refine(String field, UnaryOperator<FieldRule> step) {
            refinements.merge(field, step, (a, b) -> r -> b.apply(a.apply(r)));
        }

        public ComparisonRules build() {
            FieldRule base = FieldRule.exact(trim);
            Map<String, FieldRule> rules = new HashMap<>();
            refinements.forEach((field, step) -> rules.put(field, step.apply(base)));
            return new ComparisonRules(ignored, nullEquivalents, blankIsNull, base, rules);
        }
    }
}
