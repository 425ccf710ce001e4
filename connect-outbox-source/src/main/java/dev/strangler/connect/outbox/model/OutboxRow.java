package dev.strangler.connect.outbox.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.strangler.connect.core.sql.TableName;

/**
 * One outbox row as read, before any interpretation: every column may be null here, and deciding what a null
 * means (a tombstone, a bad row) is the shaper's job. Values are the columns' text forms except the payload and
 * the timestamp.
 *
 * @param additional values of the additional columns by column name, in configuration order (values may be null)
 */
public record OutboxRow(
        TableName table,
        OutboxPosition position,
        String aggregateType,
        String aggregateId,
        String eventType,
        Optional<OutboxPayload> payload,
        Optional<Long> timestampMillis,
        Optional<String> schemaVersion,
        Optional<String> tracing,
        Map<String, String> additional) {

    public OutboxRow {
        additional = Collections.unmodifiableMap(new LinkedHashMap<>(additional));
    }

    public String eventId() {
        return position.eventId();
    }

    @Override
    public String toString() {
        // Only identifiers: values can carry personal data and this string may reach logs.
        return "OutboxRow[" + table + " " + position + "]";
    }
}
