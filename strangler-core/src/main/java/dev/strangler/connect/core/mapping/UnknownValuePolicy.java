package dev.strangler.connect.core.mapping;

/**
 * What to do with a value the mapping table does not list. Users write the lower-case dashed form
 * ({@code pass-through}); validate it with {@code EnumValidator.of(UnknownValuePolicy.class)}.
 */
public enum UnknownValuePolicy {
    /** Stop: the caller raises an error (a task failure in Connect). For tables that must be complete. */
    FAIL,
    /** Set the record aside (quarantine topic, errant-record reporter) with the reason; processing continues. */
    QUARANTINE,
    /** Keep the value as it is: for tables that only rename some codes. */
    PASS_THROUGH,
    /** Replace the value by a configured default (e.g. {@code UNKNOWN}). */
    DEFAULT
}
