package dev.strangler.connect.outbox.shape;

import dev.strangler.connect.core.config.EnumValidator;

/** Why a row cannot be published as an event; the code goes into logs, metric tags and error-topic headers. */
public enum BadRowReason {
    /** The payload is not valid JSON although the payload format needs to parse it. */
    INVALID_JSON,
    /** A column the event needs (aggregate type, aggregate id, event type) is NULL. */
    MISSING_COLUMN,
    /** The aggregate type does not make a legal Kafka topic name with the topic pattern. */
    INVALID_TOPIC;

    /** {@code invalid-json}, {@code missing-column}, {@code invalid-topic}. */
    public String code() {
        return EnumValidator.configValue(this);
    }
}
