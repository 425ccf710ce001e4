package dev.strangler.connect.acl.quarantine;

import dev.strangler.connect.core.config.EnumValidator;

/**
 * Why a record could not be turned into a domain event. The lower-case dashed spelling ({@code unknown-code}) is
 * what the {@code acl.quarantine.reason} header and the {@code reason} metric tag carry.
 */
public enum RejectReason {
    /** A legacy code the mapping table does not list. */
    UNKNOWN_CODE,
    /** A value Debezium would never write: unknown {@code op}, a create without {@code after}, ... */
    MALFORMED_EVENT,
    /** An operation the ACL does not turn into a domain event (a truncate). */
    UNSUPPORTED_OPERATION,
    /** The record's schema does not fit the configuration: a field path it lacks, a field of the wrong type. */
    SCHEMA_MISMATCH,
    /** The record value (or key) is not a struct, so field paths cannot apply. */
    NOT_A_STRUCT,
    /** A value that cannot be converted (not a boolean code, a malformed timestamp, a decimal that does not fit). */
    INVALID_VALUE,
    /** A value that does not match the pattern that splits it. */
    NO_MATCH,
    /** The domain id cannot be derived (null or blank key column). */
    IDENTITY,
    /** No classification rule matched and unmatched records are quarantined. */
    UNCLASSIFIED,
    /** The record cannot be made to fit the domain-event contract. */
    CONTRACT_VIOLATION;

    /** The spelling in headers and metric tags. */
    public String label() {
        return EnumValidator.configValue(this);
    }
}
