package dev.strangler.connect.acl.quarantine;

/** What a transform does with a record it cannot translate. Spelled {@code quarantine} / {@code fail} in config. */
public enum RejectPolicy {
    /** Route the record, unchanged, to the quarantine topic with headers naming transform, rule and reason. */
    QUARANTINE,
    /** Fail the task (Connect's {@code errors.tolerance} then decides): for chains that must never skip a record. */
    FAIL
}
