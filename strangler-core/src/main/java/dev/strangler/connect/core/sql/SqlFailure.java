package dev.strangler.connect.core.sql;

/** What a failed database call means for the caller, as decided by {@link SqlFailureClassifier}. */
public enum SqlFailure {
    /** Worth retrying unchanged after a pause: the connection was lost, the server is restarting, a serialization
     *  failure or deadlock chose this transaction as the victim. */
    TRANSIENT,
    /** The data of one row was refused (constraint, bad value): retrying cannot help; the row's record goes to the
     *  dead-letter path while the rest is written. */
    BAD_ROW,
    /** Neither: the schema, permissions or configuration are wrong, so every row would fail; stop the task. */
    FATAL
}
