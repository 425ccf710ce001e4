package dev.strangler.connect.legacy.mapping;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import dev.strangler.connect.legacy.event.ProjectionEvent;
import dev.strangler.connect.legacy.write.RowWrite;

/**
 * Projects one domain event into the legacy rows it writes, following the {@link ProjectionMapping}; pure and
 * thread-safe, so it is tested without Connect or a database.
 */
public final class EventProjector {

    /** Why an event writes nothing. */
    public enum SkipReason {
        /** The record carries no event type. */
        NO_EVENT_TYPE,
        /** The mapping does not mention the event type. */
        UNMAPPED_TYPE,
        /** A tombstone, and the mapping names no event type for tombstones. */
        TOMBSTONE,
        /** The migration plan does not give the service write authority for the event's scope at its time. */
        NOT_OWNED_BY_SERVICE
    }

    /** The outcome for one event: rows to write, or a reason to write none. */
    public sealed interface Projection permits Rows, Skipped {
    }

    public record Rows(String eventType, List<RowWrite> rows) implements Projection {
    }

    public record Skipped(SkipReason reason, Optional<String> eventType) implements Projection {
    }

    private final ProjectionMapping mapping;
    private final ProjectionAuthority authority;

    public EventProjector(ProjectionMapping mapping, ProjectionAuthority authority) {
        this.mapping = mapping;
        this.authority = authority;
    }

    /** @throws ProjectionException when the event is mapped but cannot be projected (the record's fault) */
    public Projection project(ProjectionEvent event) throws ProjectionException {
        Optional<String> eventType = event.isTombstone() ? mapping.tombstoneEvent() : event.eventType();
        if (eventType.isEmpty()) {
            return new Skipped(event.isTombstone() ? SkipReason.TOMBSTONE : SkipReason.NO_EVENT_TYPE, Optional.empty());
        }
        Optional<EventProjection> projection = mapping.forType(eventType.get());
        if (projection.isEmpty()) {
            return new Skipped(SkipReason.UNMAPPED_TYPE, eventType);
        }
        Instant eventTime = eventTime(projection.get(), event);
        if (!authority.serviceOwns(projection.get(), event, eventTime)) {
            return new Skipped(SkipReason.NOT_OWNED_BY_SERVICE, eventType);
        }
        RowScope scope = RowScope.of(event, eventTime);
        List<TableProjection> writes = projection.get().writes();
        if (writes.size() == 1) {
            return new Rows(eventType.get(), writes.get(0).project(scope)); // already immutable: no copy per event
        }
        List<RowWrite> rows = new ArrayList<>();
        for (TableProjection table : writes) {
            rows.addAll(table.project(scope));
        }
        return new Rows(eventType.get(), List.copyOf(rows));
    }

    private static Instant eventTime(EventProjection projection, ProjectionEvent event) throws ProjectionException {
        if (projection.eventTimeField().isEmpty() || event.isTombstone()) {
            return event.timestamp();
        }
        FieldPath path = projection.eventTimeField().get();
        Object value = path.resolve(event.value());
        if (value == null) {
            throw new ProjectionException("the event time field '" + path + "' has no value");
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (value instanceof ZonedDateTime time) {
            return time.toInstant();
        }
        if (value instanceof Date date) {
            return date.toInstant();
        }
        if (value instanceof Long || value instanceof Integer) {
            return Instant.ofEpochMilli(((Number) value).longValue());
        }
        if (value instanceof String text) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw new ProjectionException("the event time field '" + path + "' is not an ISO-8601 timestamp with offset");
            }
        }
        throw new ProjectionException("the event time field '" + path + "' is neither a timestamp nor epoch milliseconds");
    }
}
