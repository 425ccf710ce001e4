package dev.strangler.connect.reconcile.state;

import java.util.List;

/**
 * What one state-level check found: the aggregates of the whole key span on both sides (counts and sums: the
 * scope-level comparison), the smallest differing ranges it compared row by row, the rows that differ in them, and
 * the work it did (ranges checksummed on both sides, rows fetched), for metrics and the benchmark.
 */
public record BisectionResult(RangeChecksum sourceTotal, RangeChecksum targetTotal, List<KeyRange> differingRanges,
                              List<RowDifference> differences, long rangesChecked, long rowsFetched) {

    public BisectionResult {
        differingRanges = List.copyOf(differingRanges);
        differences = List.copyOf(differences);
    }

    public boolean agrees() {
        return differences.isEmpty();
    }
}
