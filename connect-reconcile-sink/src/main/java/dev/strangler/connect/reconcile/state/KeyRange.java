package dev.strangler.connect.reconcile.state;

import java.util.ArrayList;
import java.util.List;

/**
 * A half-open range {@code [from, to)} of an integer key: the unit a state-level check hashes on both sides and,
 * when the hashes differ, splits into smaller ranges (data-diff's bisection).
 */
public record KeyRange(long from, long to) {

    public KeyRange {
        if (to <= from) {
            throw new IllegalArgumentException("empty key range [" + from + ", " + to + ")");
        }
    }

    public long width() {
        return to - from;
    }

    public boolean contains(long key) {
        return key >= from && key < to;
    }

    /**
     * Splits into at most {@code parts} contiguous ranges of near-equal width that cover exactly this range; a range
     * narrower than {@code parts} splits into single keys.
     */
    public List<KeyRange> split(int parts) {
        if (parts < 2) {
            throw new IllegalArgumentException("split into at least 2 parts, not " + parts);
        }
        long count = Math.min(parts, width());
        List<KeyRange> ranges = new ArrayList<>();
        long base = width() / count;
        long remainder = width() % count;
        long start = from;
        for (long i = 0; i < count; i++) {
            long end = start + base + (i < remainder ? 1 : 0);
            ranges.add(new KeyRange(start, end));
            start = end;
        }
        return ranges;
    }

    @Override
    public String toString() {
        return "[" + from + ", " + to + ")";
    }
}
