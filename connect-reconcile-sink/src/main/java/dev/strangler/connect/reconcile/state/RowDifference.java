package dev.strangler.connect.reconcile.state;

import java.util.Map;

import dev.strangler.connect.reconcile.compare.Comparison;

/** A row on which a state-level check found the two tables to differ, with both versions (either may be null). */
public record RowDifference(long key, Comparison comparison, Map<String, Object> source, Map<String, Object> target) {
}
