package dev.strangler.connect.reconcile.state;

import java.math.BigInteger;

/**
 * The aggregate of one key range on one side: its row count and the sum of per-row hashes. Equal checksums mean the
 * range very probably holds the same rows; the sum (not a XOR) keeps duplicated rows from cancelling out.
 */
public record RangeChecksum(long rows, BigInteger hashSum) {

    public static final RangeChecksum EMPTY = new RangeChecksum(0, BigInteger.ZERO);
}
