package dev.strangler.connect.reconcile.state;

import java.util.List;

/**
 * What one state-level check found: the smallest differing ranges it compared row by row, the rows that differ in
 * them, and the work it did (ranges checksummed on both sides, rows fetched), for metrics and the benchmark.
 */
public record BisectionResult(List<KeyRange> differingRanges, List<RowDifference> differences, long rangesChecked,
                              long rowsFetched) {

    public BisectionResult {
        differingRanges = List.copyOf(differingRanges);
        differences = List.copyOf(differences);
    }

    public boolean agrees() {
        return differences.isEmpty();
    }
}
