package dev.strangler.connect.reconcile.state;

import java.util.Map;

import dev.strangler.connect.reconcile.compare.Comparison;

/**
 * A row on which a state-level check found the two tables to differ, with both versions (either may be null).
 *
 * @param rowKey the row's key: a {@code Long} for integer keys, else the key's text
 * @param range  the smallest range the bisection narrowed the row to (null for a re-check of known keys)
 */
public record RowDifference(Object rowKey, Comparison comparison, Map<String, Object> source, Map<String, Object> target,
                            KeyRange range) {

    public RowDifference(Object rowKey, Comparison comparison, Map<String, Object> source, Map<String, Object> target) {
        this(rowKey, comparison, source, target, null);
    }

    /**
     * The integer key of a check over integer keys.
     *
     * @throws IllegalStateException for a text key
     */
    public long key() {
        if (rowKey instanceof Long key) {
            return key;
        }
        throw new IllegalStateException("the key of this state check is text, not an integer: use rowKey()");
    }
}
