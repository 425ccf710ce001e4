package dev.strangler.connect.reconcile.stream;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import dev.strangler.connect.reconcile.compare.CanonicalValues;

/**
 * Recognises a record that is older than its counterpart: when the target row carries a newer version (a counter
 * or a modification time), the record cannot be judged against it, so it is neither a finding nor a match. Without
 * this, replaying a topic from the beginning would report every key that changed since as a mismatch.
 */
public record VersionGuard(String field, String column) {

    /** True when both versions are known, comparable, and the target's is strictly newer. */
    public boolean targetIsNewer(Map<String, Object> source, Map<String, Object> target) {
        if (source == null || target == null) {
            return false;
        }
        Object s = CanonicalValues.canonical(source.get(field));
        Object t = CanonicalValues.canonical(target.get(column));
        if (s instanceof BigDecimal a && t instanceof BigDecimal b) {
            return b.compareTo(a) > 0;
        }
        if (s instanceof Instant a && t instanceof Instant b) {
            return b.isAfter(a);
        }
        return false;
    }
}
