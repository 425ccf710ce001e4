package dev.strangler.connect.reconcile.state;

import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One side of a state-level check: a table read by ranges of row positions (integer keys or hash buckets, see {@link KeySpace}). The PostgreSQL implementation computes the
 * checksum in the database, so only aggregates cross the network until a range is small enough to compare rows.
 */
public interface RangeReader {

    /** The smallest and largest key, as the range {@code [min, max + 1)}; empty for an empty table. */
    Optional<KeyRange> bounds() throws SQLException;

    /**
     * The checksums of contiguous key ranges (in key order, each starting where the previous ends), one per range
     * ({@link RangeChecksum#empty} for a range without rows), computed together in one read of their span.
     */
    List<RangeChecksum> checksums(List<KeyRange> parts) throws SQLException;

    /**
     * Every row of the range, by key (a {@code Long} for integer keys, else the key's text; the keys of one reader
     * are of one type, and comparable); each row's values by column name.
     */
    Map<Object, Map<String, Object>> rows(KeyRange range) throws SQLException;

    /** The rows of exactly these keys (for the re-check of findings), by key. */
    Map<Object, Map<String, Object>> rows(Collection<?> keys) throws SQLException;
}
