package dev.strangler.connect.acl.quarantine;

import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.header.Header;

import dev.strangler.connect.core.plan.ViolationHeaderNames;

/**
 * The headers of a record set aside by the ACL. {@link #QUARANTINED} (quarantine) and {@link #VIOLATION_SCOPE}
 * (authority violation) are the markers by which every later ACL transform in a chain recognises such a record and
 * passes it through untouched; Kafka's built-in transforms can be told to do the same with the {@code HasHeaderKey}
 * predicate (negated) on {@code acl.quarantined} and on {@code strangler.violation.scope}.
 */
public final class QuarantineHeaders {

    /** Present (value {@code true}) on every quarantined record. */
    public static final String QUARANTINED = "acl.quarantined";
    /** The transform that quarantined it (class name, e.g. {@code ValueTranslation}). */
    public static final String TRANSFORM = "acl.quarantine.transform";
    /** The configured element that rejected it: a field path, a rule name. */
    public static final String RULE = "acl.quarantine.rule";
    /** Why, as a {@link RejectReason#label()}: {@code unknown-code}, {@code schema-mismatch}, ... */
    public static final String REASON = "acl.quarantine.reason";
    /** A human-readable explanation naming fields (and an unknown code, truncated), never a whole value. */
    public static final String DETAIL = "acl.quarantine.detail";
    /** The topic the record was bound for. */
    public static final String ORIGINAL_TOPIC = "acl.quarantine.original.topic";

    /**
     * Present on every authority violation the guard diverts (its value names the plan scope). A violation is set
     * aside like a quarantined record: no later ACL transform may turn it into a domain event.
     */
    public static final String VIOLATION_SCOPE = ViolationHeaderNames.SCOPE;

    private QuarantineHeaders() {
    }

    public static boolean isQuarantined(ConnectRecord<?> record) {
        return record.headers().lastWithName(QUARANTINED) != null;
    }

    /** Quarantined, or diverted as an authority violation: later ACL transforms pass it through untouched. */
    public static boolean isSetAside(ConnectRecord<?> record) {
        // one pass over the headers rather than a lookup per marker: every ACL transform asks this of every record
        for (Header header : record.headers()) {
            String key = header.key();
            if (QUARANTINED.equals(key) || VIOLATION_SCOPE.equals(key)) {
                return true;
            }
        }
        return false;
    }
}
