package dev.strangler.connect.acl.quarantine;

import java.util.Objects;

/**
 * A record that a transform cannot translate: thrown by the pure logic, turned into a quarantined record (or a
 * task failure, if the policy says so) by the {@link QuarantineRouter}. The rule names the configured element that
 * rejected it (a field path, a rule name); the message says why, naming fields, never quoting whole values.
 */
public final class RecordRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final RejectReason reason;
    private final String rule;

    public RecordRejectedException(RejectReason reason, String rule, String message) {
        super(message, null, false, false); // a control-flow outcome: no stack trace to fill per rejected record
        this.reason = Objects.requireNonNull(reason, "reason");
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    public RejectReason reason() {
        return reason;
    }

    public String rule() {
        return rule;
    }
}
