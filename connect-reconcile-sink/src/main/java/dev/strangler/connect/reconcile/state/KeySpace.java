package dev.strangler.connect.reconcile.state;

import java.util.List;
import java.util.stream.Collectors;

import dev.strangler.connect.core.sql.SqlDialect;
import dev.strangler.connect.core.sql.SqlIdentifier;

/**
 * How a state-level check places rows on the integer line it bisects. An integer key is its own position, so
 * ranges are key ranges. Any other key (text, uuid) is placed by a hash of its text, the first 32 bits of its MD5,
 * so ranges are hash buckets: both sides compute the same position for the same key text in the database, and the
 * bisection, checksums and leaf comparison are unchanged. A bucket holds keys that are unrelated in order, which
 * only matters for reading the evidence's key range ("bucket [a, b)" rather than "keys a to b").
 */
public enum KeySpace {
    /** Integer keys: positions are the keys, the span is the keys' min to max. */
    INTEGER,
    /** Keys placed by the first 32 bits of the MD5 of their text: positions in {@code [0, 2^32)}. */
    TEXT_HASH;

    /** The span of {@link #TEXT_HASH} positions. */
    public static final KeyRange HASH_SPAN = new KeyRange(0, 1L << 32);

    /** The SQL expression of a row's position. */
    public String position(SqlDialect dialect, SqlIdentifier key) {
        return position(dialect, List.of(key));
    }

    /**
     * The SQL expression of a row's position; several key columns (only hash-placed) are hashed as their texts
     * joined by '|'. Two keys whose joined texts coincide share a bucket, which costs nothing: rows are matched by
     * their key columns, the bucket only narrows where to look.
     */
    public String position(SqlDialect dialect, List<SqlIdentifier> keys) {
        if (this == INTEGER) {
            if (keys.size() != 1) {
                throw new IllegalArgumentException("integer key ranges need exactly one key column");
            }
            return dialect.quote(keys.get(0));
        }
        boolean oracle = "oracle".equalsIgnoreCase(dialect.name());
        String text = oracle
                ? keys.stream().map(k -> "TO_CHAR(" + dialect.quote(k) + ")").collect(Collectors.joining(" || '|' || "))
                : keys.size() == 1 ? dialect.quote(keys.get(0)) + "::text"
                : "concat_ws('|', " + keys.stream().map(k -> dialect.quote(k) + "::text").collect(Collectors.joining(", ")) + ")";
        if (oracle) {
            // Same bits as PostgreSQL's: MD5 of the key's text (in the database character set; AL32UTF8 = UTF-8).
            return "TO_NUMBER(SUBSTR(RAWTOHEX(STANDARD_HASH(" + text + ", 'MD5')), 1, 8), 'XXXXXXXX')";
        }
        return "('x' || substr(md5(" + text + "), 1, 8))::bit(32)::bigint";
    }

    /** The key as the rows and the re-check's key array hold it: itself, or its text. */
    public String keyExpression(SqlDialect dialect, SqlIdentifier key) {
        return this == INTEGER ? dialect.quote(key) : dialect.quote(key) + "::text";
    }

    /** The element type of the key array the re-check binds. */
    public String keyArrayType() {
        return this == INTEGER ? "bigint" : "text";
    }
}
