package dev.strangler.connect.outbox.shape;

/** What the connector does with a row that cannot become an event. */
public enum BadRowPolicy {
    /** Stop the task; the row stays unpublished until it is fixed or the policy changes. */
    FAIL,
    /** Log it (ids only) and count it in the {@code bad-rows} metric, then go on. */
    SKIP,
    /** Publish the raw row to the error topic with the reason in headers, then go on. */
    ERROR_TOPIC
}
