package dev.strangler.connect.outbox.plan;

/**
 * What the connector does with an outbox event whose scope, at the event's time, the migration plan gives to legacy
 * as publisher: the service wrote an event that, by the plan, legacy publishes (through CDC and the ACL).
 * Publishing it as a domain event would announce the same fact twice, or a fact whose truth is legacy's.
 */
public enum PublisherViolationPolicy {
    /** Send it to the violation topic with the reason in headers instead of its domain topic (the default). */
    VIOLATION_TOPIC,
    /** Publish it to its domain topic as usual, with the violation headers, for consumers that filter. */
    PUBLISH_WITH_HEADERS,
    /** Do not publish it; log its id and count it in the metric. */
    SKIP
}
