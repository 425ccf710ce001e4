package dev.strangler.connect.outbox.sql;

import java.util.stream.Collectors;

import dev.strangler.connect.core.sql.SqlDialect;
import dev.strangler.connect.core.sql.SqlIdentifier;

/**
 * The SQL text the outbox connector runs against one outbox table. Pure functions of the layout: identifiers come
 * from configuration and are quoted by the dialect; every value (positions, limits, ages) is a bound parameter.
 *
 * <h2>Why the batch query filters on the snapshot's xmin</h2>
 * Polling "rows with id greater than the last id I saw" skips rows: ids (and timestamps) are taken when a row is
 * written, but rows become visible when their transaction commits, and transactions commit in any order. If
 * transaction A takes id 10, transaction B takes id 11 and commits first, a poll sees 11, stores 11 as its
 * position, and never returns 10 once A commits.
 *
 * <p>Instead every outbox row records the id of the transaction that wrote it ({@code xid8}, filled by the column
 * default {@code pg_current_xact_id()}), and a poll returns only rows whose transaction is older than every
 * transaction still in progress: {@code xid < pg_snapshot_xmin(pg_current_snapshot())}. {@code pg_current_snapshot()}
 * is the snapshot of the very statement that reads the rows, and its xmin is the oldest transaction id that was
 * still running when that snapshot was taken. So every transaction below xmin has finished: its rows are visible
 * to this statement if it committed and never will be if it aborted, and no transaction can ever again add a row
 * with an xid below xmin (new transactions get ids at or above the snapshot's xmax). The set of eligible rows is
 * therefore final, and reading it in {@code (xid, id)} order and remembering the last {@code (xid, id)} returned
 * resumes exactly where the previous poll stopped, even when a batch limit cut the set short.
 *
 * <p>{@code xid8} is the 64-bit, epoch-extended transaction id (PostgreSQL 13+). Unlike the 32-bit {@code xid} it
 * does not wrap around, so positions compare correctly forever, and it survives restarts: after a crash or a
 * restart the server continues from the next id it had persisted, never reusing one. Transactions that were in
 * progress at a crash are aborted by recovery, so their rows never become visible and are never published.
 */
public final class OutboxQueries {

    /** Alias of the outbox table in every query; qualifies columns so that no output name can shadow them. */
    private static final String ROW = "o";

    private final SqlDialect dialect;
    private final OutboxTableLayout layout;

    public OutboxQueries(SqlDialect dialect, OutboxTableLayout layout) {
        this.dialect = dialect;
        this.layout = layout;
    }

    public OutboxTableLayout layout() {
        return layout;
    }

    /**
     * The next batch of final rows after a position, in {@code (xid, id)} order. Parameters: with a position,
     * {@code xid}, {@code id} (both bound untyped so that PostgreSQL infers the column types, whatever type the
     * id has), then the limit; without one, only the limit.
     *
     * <p>Text columns are cast to text so that uuid, bigint or varchar ids and aggregate ids read the same way;
     * the payload and the timestamp keep their types (json, jsonb, text or bytea; timestamptz).
     */
    public String selectBatch(boolean afterPosition) {
        String columns = layout.selectedColumns().stream()
                .map(column -> column.equals(layout.payload()) || layout.timestamp().filter(column::equals).isPresent()
                        ? ROW + "." + quote(column)
                        : "CAST(" + ROW + "." + quote(column) + " AS text)")
                .collect(Collectors.joining(", "));
        return "SELECT " + columns
                + " FROM " + dialect.quote(layout.table()) + " " + ROW
                + " WHERE " + ROW + "." + quote(layout.transactionId()) + " < pg_snapshot_xmin(pg_current_snapshot())"
                + (afterPosition ? " AND " + qualifiedPositionTuple() + " > (?, ?)" : "")
                + " ORDER BY " + orderByPosition()
                + " LIMIT ?";
    }

    /**
     * The position columns, qualified with the table alias. A bare {@code ORDER BY "xid"} would sort by the output
     * column of that name, which is {@code CAST("xid" AS text)} (PostgreSQL names a cast after its column): text
     * order puts xid 1000 before 999 and id 10 before 9, and the position would jump over rows.
     */
    private String orderByPosition() {
        return ROW + "." + quote(layout.transactionId()) + ", " + ROW + "." + quote(layout.eventId());
    }

    /**
     * Age in milliseconds of the first row not yet published, by the database's clock (no clock skew between
     * worker and database); no row when the outbox is drained. It includes rows that are committed but still
     * held back by an older transaction in progress, which is exactly the delay a consumer sees.
     */
    public String selectLagMillis(boolean afterPosition) {
        SqlIdentifier timestamp = layout.timestamp().orElseThrow(() -> new IllegalStateException("lag needs a timestamp column"));
        return "SELECT CAST(EXTRACT(EPOCH FROM (clock_timestamp() - " + ROW + "." + quote(timestamp) + ")) * 1000 AS bigint)"
                + " FROM " + dialect.quote(layout.table()) + " " + ROW
                + (afterPosition ? " WHERE " + qualifiedPositionTuple() + " > (?, ?)" : "")
                + " ORDER BY " + orderByPosition()
                + " LIMIT 1";
    }

    /**
     * Deletes published rows. Parameters: the committed {@code xid}, {@code id}, and with a retention the minimum
     * age in milliseconds (measured on the event's timestamp column).
     */
    public String deletePublished(boolean withRetention) {
        return "DELETE FROM " + dialect.quote(layout.table())
                + " WHERE " + positionTuple() + " <= (?, ?)"
                + (withRetention ? " AND " + olderThan(layout.timestamp()
                        .orElseThrow(() -> new IllegalStateException("retention needs a timestamp column"))) : "");
    }

    /**
     * Sets the publication mark on published rows not marked yet. Parameters: with a lower bound (the position
     * marked last time, so each run touches only new rows) {@code xid}, {@code id}; then the committed
     * {@code xid}, {@code id}.
     */
    public String markPublished(SqlIdentifier markColumn, boolean afterPosition) {
        return "UPDATE " + dialect.quote(layout.table())
                + " SET " + quote(markColumn) + " = clock_timestamp()"
                + " WHERE " + (afterPosition ? positionTuple() + " > (?, ?) AND " : "")
                + positionTuple() + " <= (?, ?)"
                + " AND " + quote(markColumn) + " IS NULL";
    }

    /** Deletes rows marked as published longer ago than the retention. Parameter: the retention in milliseconds. */
    public String deleteMarkedBefore(SqlIdentifier markColumn) {
        return "DELETE FROM " + dialect.quote(layout.table()) + " WHERE " + olderThan(markColumn);
    }

    /** Subscribes the session to the wake-up channel; NOTIFY is delivered only after the writer commits. */
    public String listen(SqlIdentifier channel) {
        return "LISTEN " + quote(channel);
    }

    /**
     * Name and type of every column of the table, to check the layout before polling. Parameter: the table name
     * as {@link SqlDialect#quote} writes it (a value for {@code to_regclass}, never spliced into the text).
     */
    public static String selectColumnTypes() {
        return "SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a"
                + " WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped";
    }

    /** The table name as a value for {@link #selectColumnTypes()}. */
    public String regclassName() {
        return dialect.quote(layout.table());
    }

    private String olderThan(SqlIdentifier column) {
        return quote(column) + " < clock_timestamp() - (? * INTERVAL '1 millisecond')";
    }

    private String qualifiedPositionTuple() {
        return "(" + orderByPosition() + ")";
    }

    /** Unqualified, for UPDATE and DELETE, whose table has no alias and which have no output columns. */
    private String positionTuple() {
        return "(" + quote(layout.transactionId()) + ", " + quote(layout.eventId()) + ")";
    }

    private String quote(SqlIdentifier identifier) {
        return dialect.quote(identifier);
    }
}
