package dev.strangler.connect.acl.event;

/**
 * Headers the ACL puts on a domain event. Consumers read these instead of the Debezium envelope: the event type,
 * what changed, where it came from, and whether it is backfilled history (so that notifications, invoices and other
 * side effects can be suppressed for it).
 */
public final class DomainEventHeaders {

    /** {@code Created}, {@code Changed}, {@code Deleted}, {@code SnapshotRead}, {@code Tombstone}, or a class set by classification. */
    public static final String EVENT_TYPE = "acl.event.type";
    /** The Debezium operation code: {@code c}, {@code u}, {@code d}, {@code r}. */
    public static final String OPERATION = "acl.operation";
    /** On {@code Changed}: the row fields whose values changed, comma-separated; absent when unknown (no before image). */
    public static final String CHANGED_FIELDS = "acl.changed.fields";
    /** Boolean: true for snapshot reads (backfilled history), false for live changes. */
    public static final String BACKFILL = "acl.backfill";

    public static final String SOURCE_CONNECTOR = "acl.source.connector";
    public static final String SOURCE_DATABASE = "acl.source.db";
    public static final String SOURCE_SCHEMA = "acl.source.schema";
    public static final String SOURCE_TABLE = "acl.source.table";
    public static final String SOURCE_TRANSACTION_ID = "acl.source.txid";
    /** Postgres: the LSN (int64). */
    public static final String SOURCE_LSN = "acl.source.lsn";
    /** Oracle: the SCN of the change (string). */
    public static final String SOURCE_SCN = "acl.source.scn";
    /** Oracle: the SCN of the commit (string). */
    public static final String SOURCE_COMMIT_SCN = "acl.source.commit.scn";
    /** Commit time in the source database, epoch milliseconds (int64). */
    public static final String SOURCE_TIMESTAMP = "acl.source.ts.ms";

    private DomainEventHeaders() {
    }
}
