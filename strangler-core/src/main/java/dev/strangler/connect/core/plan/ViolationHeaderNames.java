package dev.strangler.connect.core.plan;

/**
 * The names of the headers that explain a write-authority or publisher violation, shared by every plugin that diverts
 * or marks such a record (the ACL's authority guard, the outbox's publication guard): operators filter the violation
 * topic on these names, so they are one wire contract, kept in one place. Values are written as strings.
 */
public final class ViolationHeaderNames {

    /** The plan scope the record belongs to. */
    public static final String SCOPE = "strangler.violation.scope";
    /** The number of the scope's phase at the record's time. */
    public static final String PHASE = "strangler.violation.phase";
    /** Who holds the write authority for the scope (ACL: a legacy write where the service decides). */
    public static final String WRITE_AUTHORITY = "strangler.violation.write.authority";
    /** Who publishes the scope's domain events (outbox: a service event where legacy publishes). */
    public static final String PUBLISHER = "strangler.violation.publisher";
    /** A short code for what was violated. */
    public static final String REASON = "strangler.violation.reason";
    /** The source table, schema-qualified where known. */
    public static final String TABLE = "strangler.violation.table";
    /** The source transaction's id, where the source reports one. */
    public static final String TX_ID = "strangler.violation.txId";
    /** The change operation's code (c, u, d, r). */
    public static final String OPERATION = "strangler.violation.operation";
    /** When the event happened at the source, ISO-8601. */
    public static final String EVENT_TIME = "strangler.violation.event.time";
    /** Since when the decision that was violated applies, ISO-8601. */
    public static final String EFFECTIVE_SINCE = "strangler.violation.effective.since";

    private ViolationHeaderNames() {
    }
}
