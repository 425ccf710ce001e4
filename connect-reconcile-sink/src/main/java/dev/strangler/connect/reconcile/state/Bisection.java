package dev.strangler.connect.reconcile.state;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import dev.strangler.connect.reconcile.compare.Comparison;
import dev.strangler.connect.reconcile.compare.FieldPair;
import dev.strangler.connect.reconcile.compare.RecordComparer;

/**
 * data-diff's method for finding drift without moving every row: checksum a key range on both sides; if the
 * checksums agree, the range agrees; if not, split it into {@code factor} sub-ranges and repeat, until a differing
 * range holds at most {@code threshold} rows on both sides, which are then fetched and compared row by row under the
 * same {@link RecordComparer} rules as the stream, so representational noise (a float beside a decimal) that makes
 * hashes differ still yields no finding.
 */
public final class Bisection {

    private final int factor;
    private final int threshold;
    private final RecordComparer comparer;
    private final List<FieldPair> pairs;
    private final Executor sourceReads;

    /**
     * @param pairs source column (record field) to target column, for the row-by-row comparison
     */
    public Bisection(int factor, int threshold, RecordComparer comparer, List<FieldPair> pairs) {
        this(factor, threshold, comparer, pairs, Runnable::run);
    }

    /**
     * @param sourceReads runs the source side's checksum reads, so that the two databases compute their checksums
     *                    at the same time (each side is one statement on its own connection); {@code Runnable::run}
     *                    reads the sides one after the other
     */
    public Bisection(int factor, int threshold, RecordComparer comparer, List<FieldPair> pairs, Executor sourceReads) {
        if (factor < 2 || threshold < 1) {
            throw new IllegalArgumentException("factor must be at least 2 and threshold at least 1");
        }
        this.factor = factor;
        this.threshold = threshold;
        this.comparer = comparer;
        this.pairs = List.copyOf(pairs);
        this.sourceReads = sourceReads;
    }

    /** Checks the whole key span of both tables. */
    public BisectionResult run(RangeReader source, RangeReader target) throws SQLException {
        var sourceBounds = source.bounds();
        var targetBounds = target.bounds();
        if (sourceBounds.isEmpty() && targetBounds.isEmpty()) {
            return new BisectionResult(RangeChecksum.EMPTY, RangeChecksum.EMPTY, List.of(), List.of(), 0, 0);
        }
        long from = Math.min(sourceBounds.map(KeyRange::from).orElse(Long.MAX_VALUE), targetBounds.map(KeyRange::from).orElse(Long.MAX_VALUE));
        long to = Math.max(sourceBounds.map(KeyRange::to).orElse(Long.MIN_VALUE), targetBounds.map(KeyRange::to).orElse(Long.MIN_VALUE));
        return run(source, target, new KeyRange(from, to));
    }

    /**
     * Splits the span into {@code factor} parts and checksums them on both sides; each differing part is compared
     * row by row when small, else split again. All parts of one range are checksummed by one grouped read per side,
     * so every level of the bisection reads each row of the differing ranges once, and the span itself is never
     * checksummed on its own: its totals are the sums of its parts'.
     */
    public BisectionResult run(RangeReader source, RangeReader target, KeyRange span) throws SQLException {
        Deque<KeyRange> work = new ArrayDeque<>();
        work.push(span);
        List<KeyRange> differing = new ArrayList<>();
        List<RowDifference> differences = new ArrayList<>();
        long checked = 0;
        long fetched = 0;
        RangeChecksum sourceTotal = null;
        RangeChecksum targetTotal = null;
        while (!work.isEmpty()) {
            List<KeyRange> parts = work.pop().split(factor);
            CompletableFuture<List<RangeChecksum>> sourceRead = CompletableFuture.supplyAsync(() -> {
                try {
                    return source.checksums(parts);
                } catch (SQLException e) {
                    throw new CompletionException(e);
                }
            }, sourceReads);
            List<RangeChecksum> targetSums;
            try {
                targetSums = target.checksums(parts);
            } catch (SQLException | RuntimeException e) {
                sourceRead.handle((sums, failure) -> null).join(); // the source connection is free again when this returns
                throw e;
            }
            List<RangeChecksum> sourceSums = await(sourceRead);
            checked += parts.size();
            if (sourceTotal == null) {
                sourceTotal = sourceSums.stream().reduce(RangeChecksum::plus).orElseThrow();
                targetTotal = targetSums.stream().reduce(RangeChecksum::plus).orElseThrow();
            }
            List<KeyRange> toSplit = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                KeyRange part = parts.get(i);
                RangeChecksum s = sourceSums.get(i);
                RangeChecksum t = targetSums.get(i);
                if (s.agreesWith(t)) {
                    continue;
                }
                if (Math.max(s.rows(), t.rows()) <= threshold || part.width() == 1) {
                    differing.add(part);
                    Map<Object, Map<String, Object>> sourceRows = source.rows(part);
                    Map<Object, Map<String, Object>> targetRows = target.rows(part);
                    fetched += sourceRows.size() + targetRows.size();
                    differences.addAll(compareRows(sourceRows, targetRows, part));
                } else {
                    toSplit.add(part);
                }
            }
            for (int i = toSplit.size() - 1; i >= 0; i--) {
                work.push(toSplit.get(i));
            }
        }
        // Leaves of a range are compared before its split siblings are: sorted, findings come out in key order.
        differing.sort(java.util.Comparator.comparingLong(KeyRange::from));
        differences.sort(java.util.Comparator.comparingLong((RowDifference d) -> d.range().from())
                .thenComparing(RowDifference::rowKey, Bisection::compareKeys));
        return new BisectionResult(sourceTotal, targetTotal, differing, differences, checked, fetched);
    }

    private static List<RangeChecksum> await(CompletableFuture<List<RangeChecksum>> read) throws SQLException {
        try {
            return read.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    /** Compares rows of the same keys from both sides; used for the re-check of findings. */
    public List<RowDifference> compareRows(Map<Object, Map<String, Object>> sourceRows, Map<Object, Map<String, Object>> targetRows) {
        return compareRows(sourceRows, targetRows, null);
    }

    /** Compares rows of the same keys from both sides, found in {@code range} (null for a re-check). */
    private List<RowDifference> compareRows(Map<Object, Map<String, Object>> sourceRows, Map<Object, Map<String, Object>> targetRows,
                                            KeyRange range) {
        TreeSet<Object> keys = new TreeSet<>(Bisection::compareKeys);
        keys.addAll(sourceRows.keySet());
        keys.addAll(targetRows.keySet());
        List<RowDifference> differences = new ArrayList<>();
        for (Object key : keys) {
            Map<String, Object> s = sourceRows.get(key);
            Map<String, Object> t = targetRows.get(key);
            Comparison comparison = comparer.compare(pairs, s, t);
            if (!comparison.matches()) {
                differences.add(new RowDifference(key, comparison, s, t, range));
            }
        }
        return differences;
    }

    /** Keys of one check are all {@code Long}, all text, or all lists of texts (composite keys, compared part by part). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compareKeys(Object a, Object b) {
        if (a instanceof List<?> x && b instanceof List<?> y) {
            for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
                int c = java.util.Objects.compare((String) x.get(i), (String) y.get(i),
                        java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(x.size(), y.size());
        }
        return ((Comparable) a).compareTo(b);
    }
}
