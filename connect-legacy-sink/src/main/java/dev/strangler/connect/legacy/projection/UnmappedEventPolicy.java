package dev.strangler.connect.legacy.projection;

/** What to do with an event whose type the mapping does not mention (or that carries no type). */
public enum UnmappedEventPolicy {
    /** Write nothing and count it: the legacy projection only needs some of the service's events. */
    SKIP,
    /** Send the record to the dead-letter queue with the reason. */
    DEAD_LETTER,
    /** Stop the task: every event type must be mapped. */
    FAIL
}
