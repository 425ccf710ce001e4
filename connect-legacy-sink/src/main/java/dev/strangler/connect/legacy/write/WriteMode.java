package dev.strangler.connect.legacy.write;

import java.util.Locale;

/** How a row write reaches its table; each mode has its own statement and metrics series. */
public enum WriteMode {
    /** Insert when the key is absent, otherwise skip (first write wins); append-only when the table has no key. */
    INSERT,
    /** Insert or update, subject to the version guard. */
    UPSERT,
    /** Update a stored row, subject to the guard; an absent row stays absent. */
    UPDATE_ONLY,
    /** Set a status column instead of deleting (an update-only write). */
    SOFT_DELETE,
    /** Stamp the origin marker on the row, then delete it, subject to the guard. */
    DELETE,
    /** Before an event's detail rows: stamp and delete the rows of their set (keyed by the parent's key) that are
     *  older than the event, so rows the event no longer lists disappear. */
    CLEAR_OLDER_ROWS;

    /** The spelling in metric tags and logs: {@code update-only}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
