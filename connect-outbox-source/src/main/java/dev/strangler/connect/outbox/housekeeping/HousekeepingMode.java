package dev.strangler.connect.outbox.housekeeping;

/** What happens to outbox rows once their publication is committed. */
public enum HousekeepingMode {
    /** Nothing: the service owns the table's cleanup. */
    LEAVE,
    /** Delete published rows (optionally only once older than the retention, by the timestamp column). */
    DELETE,
    /** Set the mark column to the publication time (and delete marked rows older than the retention, if set). */
    MARK
}
