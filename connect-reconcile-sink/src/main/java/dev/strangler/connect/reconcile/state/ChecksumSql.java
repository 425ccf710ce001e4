package dev.strangler.connect.reconcile.state;

import java.util.List;
import java.util.stream.Collectors;

import dev.strangler.connect.core.sql.SqlDialect;
import dev.strangler.connect.core.sql.SqlIdentifier;
import dev.strangler.connect.core.sql.TableName;

/**
 * The PostgreSQL statements of a state-level check. A row's hash is the first 60 bits of the MD5 of its key and
 * compared columns as text, separated by '|' with NULL written {@code \N} (so {@code NULL} and {@code ''} differ);
 * a range's checksum is the row count and the {@code numeric} sum of the hashes (no overflow), as data-diff does.
 * Columns are compared as their PostgreSQL text form, so two tables with different column types hash differently
 * and are narrowed down to rows, where the comparison rules decide.
 */
public final class ChecksumSql {

    private ChecksumSql() {
    }

    /**
     * Count, hash sum and, for each of {@code sumColumns}, the column's sum, of each of contiguous sub-ranges of
     * {@code [?, ?)} in one pass: the second and third parameters bound the parent range, the first is the array of
     * the sub-ranges' lower bounds, and {@code width_bucket} numbers each row's sub-range from 1. Sub-ranges without
     * rows have no result row. One statement per parent range instead of one per child reads each row once per level.
     */
    public static String checksums(SqlDialect dialect, TableName table, SqlIdentifier key, List<SqlIdentifier> columns,
                                   List<SqlIdentifier> sumColumns) {
        return checksums(dialect, table, key, KeySpace.INTEGER, columns, sumColumns);
    }

    /** As {@link #checksums(SqlDialect, TableName, SqlIdentifier, List, List)}, over the rows' positions in {@code space}. */
    public static String checksums(SqlDialect dialect, TableName table, SqlIdentifier key, KeySpace space,
                                   List<SqlIdentifier> columns, List<SqlIdentifier> sumColumns) {
        return checksums(dialect, table, List.of(key), space, columns, sumColumns);
    }

    /** As above, for a key of one or (hash-placed) several columns. */
    public static String checksums(SqlDialect dialect, TableName table, List<SqlIdentifier> keys, KeySpace space,
                                   List<SqlIdentifier> columns, List<SqlIdentifier> sumColumns) {
        String sums = sumColumns.stream().map(c -> ", coalesce(sum(" + dialect.quote(c) + "), 0)").collect(Collectors.joining());
        return "SELECT width_bucket(" + space.position(dialect, keys) + ", ?::bigint[]) AS part, count(*), coalesce(sum(('x' || substr(md5("
                + rowText(dialect, keys, columns) + "), 1, 15))::bit(60)::bigint), 0)" + sums + " FROM " + dialect.quote(table)
                + " WHERE " + range(dialect, keys, space) + " GROUP BY part";
    }

    public static String bounds(SqlDialect dialect, TableName table, SqlIdentifier key) {
        return bounds(dialect, table, key, KeySpace.INTEGER);
    }

    /**
     * The span to bisect: integer keys from their min to max; hash positions always span all buckets, so the
     * statement only says whether the table has a row (a row with the span's bounds, else none) and reads one row.
     */
    public static String bounds(SqlDialect dialect, TableName table, SqlIdentifier key, KeySpace space) {
        return bounds(dialect, table, List.of(key), space);
    }

    public static String bounds(SqlDialect dialect, TableName table, List<SqlIdentifier> keys, KeySpace space) {
        if (space == KeySpace.TEXT_HASH) {
            return "SELECT " + KeySpace.HASH_SPAN.from() + ", " + (KeySpace.HASH_SPAN.to() - 1) + " FROM " + dialect.quote(table)
                    + " LIMIT 1";
        }
        return "SELECT min(" + dialect.quote(keys.get(0)) + "), max(" + dialect.quote(keys.get(0)) + ") FROM " + dialect.quote(table);
    }

    public static String rowsInRange(SqlDialect dialect, TableName table, SqlIdentifier key, List<SqlIdentifier> columns) {
        return rowsInRange(dialect, table, key, KeySpace.INTEGER, columns);
    }

    public static String rowsInRange(SqlDialect dialect, TableName table, SqlIdentifier key, KeySpace space, List<SqlIdentifier> columns) {
        return rowsInRange(dialect, table, List.of(key), space, columns);
    }

    public static String rowsInRange(SqlDialect dialect, TableName table, List<SqlIdentifier> keys, KeySpace space,
                                     List<SqlIdentifier> columns) {
        return select(dialect, table, keys, space, columns) + " WHERE " + range(dialect, keys, space);
    }

    public static String rowsByKeys(SqlDialect dialect, TableName table, SqlIdentifier key, List<SqlIdentifier> columns) {
        return rowsByKeys(dialect, table, key, KeySpace.INTEGER, columns);
    }

    /** The rows of the keys of the bound array; other keys are compared as text (a varchar key keeps its index). */
    public static String rowsByKeys(SqlDialect dialect, TableName table, SqlIdentifier key, KeySpace space, List<SqlIdentifier> columns) {
        return rowsByKeys(dialect, table, List.of(key), space, columns);
    }

    /** Several key columns: one bound text array per column, zipped by {@code unnest} into the key tuples. */
    public static String rowsByKeys(SqlDialect dialect, TableName table, List<SqlIdentifier> keys, KeySpace space,
                                    List<SqlIdentifier> columns) {
        String where = keys.size() == 1
                ? space.keyExpression(dialect, keys.get(0)) + " = ANY (?)"
                : "(" + keys.stream().map(k -> space.keyExpression(dialect, k)).collect(Collectors.joining(", ")) + ") IN (SELECT * FROM unnest("
                        + keys.stream().map(k -> "?::text[]").collect(Collectors.joining(", ")) + "))";
        return select(dialect, table, keys, space, columns) + " WHERE " + where;
    }

    private static String select(SqlDialect dialect, TableName table, List<SqlIdentifier> keys, KeySpace space,
                                 List<SqlIdentifier> columns) {
        return "SELECT " + keys.stream().map(k -> space.keyExpression(dialect, k)).collect(Collectors.joining(", "))
                + (columns.isEmpty() ? "" : ", " + dialect.quotedList(columns)) + " FROM " + dialect.quote(table);
    }

    private static String range(SqlDialect dialect, List<SqlIdentifier> keys, KeySpace space) {
        String position = space.position(dialect, keys);
        return position + " >= ? AND " + position + " < ?";
    }

    static String rowText(SqlDialect dialect, List<SqlIdentifier> keys, List<SqlIdentifier> columns) {
        String values = columns.stream().map(c -> "coalesce(" + dialect.quote(c) + "::text, '\\N')")
                .collect(Collectors.joining(", "));
        return "concat_ws('|', " + keys.stream().map(k -> dialect.quote(k) + "::text").collect(Collectors.joining(", "))
                + (values.isEmpty() ? "" : ", " + values) + ")";
    }
}
