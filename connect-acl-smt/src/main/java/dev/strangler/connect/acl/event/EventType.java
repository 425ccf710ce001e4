package dev.strangler.connect.acl.event;

import java.util.Optional;

import dev.strangler.connect.acl.envelope.Operation;

/**
 * The domain event type a legacy change becomes before classification refines it: the header value of
 * {@link DomainEventHeaders#EVENT_TYPE}.
 */
public enum EventType {
    CREATED("Created"),
    CHANGED("Changed"),
    DELETED("Deleted"),
    /** A row read by a snapshot: history being backfilled, not a new fact. */
    SNAPSHOT_READ("SnapshotRead"),
    /** Debezium's tombstone after a delete, kept for log compaction. */
    TOMBSTONE("Tombstone");

    private final String label;

    EventType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The event type of an operation; empty for a truncate, which is no row event. */
    public static Optional<EventType> of(Operation operation) {
        return switch (operation) {
            case CREATE -> Optional.of(CREATED);
            case UPDATE -> Optional.of(CHANGED);
            case DELETE -> Optional.of(DELETED);
            case READ -> Optional.of(SNAPSHOT_READ);
            case TRUNCATE -> Optional.empty();
        };
    }
}
