package dev.strangler.connect.reconcile.state;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * The aggregate of one key range on one side: its row count, the sum of per-row hashes, and the sums of the numeric
 * columns chosen for aggregate comparison. Equal aggregates mean the range very probably holds the same rows; the
 * hash sum (not a XOR) keeps duplicated rows from cancelling out. The totals of the whole key span are the scope's
 * aggregate comparison (counts and sums) that every state check reports.
 */
public record RangeChecksum(long rows, BigInteger hashSum, List<BigDecimal> sums) {

    public static final RangeChecksum EMPTY = new RangeChecksum(0, BigInteger.ZERO, List.of());

    public RangeChecksum {
        sums = List.copyOf(sums);
    }

    /** The aggregate of a range without rows, with {@code sumCount} zero sums. */
    public static RangeChecksum empty(int sumCount) {
        return new RangeChecksum(0, BigInteger.ZERO, java.util.Collections.nCopies(sumCount, BigDecimal.ZERO));
    }

    /** The aggregate of this range and a disjoint one together (sums of a side have the same columns). */
    public RangeChecksum plus(RangeChecksum other) {
        if (sums.size() != other.sums.size()) {
            throw new IllegalArgumentException("aggregates of different column sums cannot be added");
        }
        List<BigDecimal> total = new java.util.ArrayList<>(sums.size());
        for (int i = 0; i < sums.size(); i++) {
            total.add(sums.get(i).add(other.sums.get(i)));
        }
        return new RangeChecksum(rows + other.rows, hashSum.add(other.hashSum), total);
    }

    public RangeChecksum(long rows, BigInteger hashSum) {
        this(rows, hashSum, List.of());
    }

    /** Same count, hash sum and column sums; sums compare as amounts (10.50 = 10.5), not as scaled decimals. */
    public boolean agreesWith(RangeChecksum other) {
        if (rows != other.rows || !hashSum.equals(other.hashSum) || sums.size() != other.sums.size()) {
            return false;
        }
        for (int i = 0; i < sums.size(); i++) {
            if (sums.get(i).compareTo(other.sums.get(i)) != 0) {
                return false;
            }
        }
        return true;
    }
}
