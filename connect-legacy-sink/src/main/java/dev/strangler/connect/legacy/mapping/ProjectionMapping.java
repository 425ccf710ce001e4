package dev.strangler.connect.legacy.mapping;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The whole declarative mapping of a legacy sink: for each event type, the legacy tables it writes. Built and
 * validated by {@link MappingParser}; immutable.
 *
 * @param events          per event type, what it writes
 * @param tombstoneEvent  the event type whose writes a tombstone (a record with a key and no value) triggers, if any
 */
public record ProjectionMapping(Map<String, EventProjection> events, Optional<String> tombstoneEvent) {

    public ProjectionMapping {
        events = Map.copyOf(events);
    }

    public Optional<EventProjection> forType(String eventType) {
        return Optional.ofNullable(events.get(eventType));
    }

    public Set<String> eventTypes() {
        return events.keySet();
    }
}
