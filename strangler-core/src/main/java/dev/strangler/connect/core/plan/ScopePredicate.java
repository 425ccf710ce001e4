package dev.strangler.connect.core.plan;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which records of an entity a scope covers: a conjunction of {@link FieldCondition}s, one per field. No
 * conditions means every record of the entity (a catch-all scope). Because conditions are declarative, whether
 * two scopes can both match a record, and whether one is contained in the other, is decided exactly when the
 * plan is validated.
 */
public final class ScopePredicate {

    private static final ScopePredicate ALL = new ScopePredicate(List.of());

    private final List<FieldCondition> conditions;
    private final Map<String, FieldCondition> byField;

    private ScopePredicate(List<FieldCondition> conditions) {
        this.conditions = conditions.stream().sorted(Comparator.comparing(FieldCondition::field)).toList();
        this.byField = this.conditions.stream().collect(Collectors.toUnmodifiableMap(FieldCondition::field, Function.identity()));
    }

    public static ScopePredicate all() {
        return ALL;
    }

    /** @throws IllegalArgumentException when two conditions name the same field */
    public static ScopePredicate of(List<FieldCondition> conditions) {
        long distinct = conditions.stream().map(FieldCondition::field).distinct().count();
        if (distinct != conditions.size()) {
            throw new IllegalArgumentException("At most one condition per field");
        }
        return conditions.isEmpty() ? ALL : new ScopePredicate(conditions);
    }

    public List<FieldCondition> conditions() {
        return conditions;
    }

    public boolean isCatchAll() {
        return conditions.isEmpty();
    }

    public boolean test(FieldValues record) {
        for (FieldCondition condition : conditions) {
            if (!condition.test(record.get(condition.field()))) {
                return false;
            }
        }
        return true;
    }

    /** Whether every record this predicate matches is also matched by {@code other}. */
    public boolean isWithin(ScopePredicate other) {
        for (FieldCondition theirs : other.conditions) {
            FieldCondition mine = byField.get(theirs.field());
            if (mine == null || !mine.isWithin(theirs)) {
                return false;
            }
        }
        return true;
    }

    /** Whether some record can match both predicates (fields constrained by only one are free). */
    public boolean overlaps(ScopePredicate other) {
        for (FieldCondition mine : conditions) {
            FieldCondition theirs = other.byField.get(mine.field());
            if (theirs != null && !mine.overlaps(theirs)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScopePredicate other && other.conditions.equals(conditions);
    }

    @Override
    public int hashCode() {
        return conditions.hashCode();
    }

    /** {@code product_line = AUTO and country = DE}, or {@code (all records)}. */
    @Override
    public String toString() {
        return conditions.isEmpty() ? "(all records)"
                : conditions.stream().map(FieldCondition::toString).collect(Collectors.joining(" and "));
    }
}
