package dev.strangler.connect.reconcile.compare;

/**
 * One field on which the two systems disagree: the record's field, the target column it maps to, both canonical
 * values as compared, and why the rule did not accept them as equal.
 */
public record FieldDifference(String field, String column, Object sourceValue, Object targetValue, String reason) {
}
