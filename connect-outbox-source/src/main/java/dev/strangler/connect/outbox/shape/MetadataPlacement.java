package dev.strangler.connect.outbox.shape;

/** Where the event's metadata (id, type, timestamp, schema version, additional columns) goes. */
public enum MetadataPlacement {
    /** Record headers; the value is the payload alone (Debezium EventRouter's default). */
    HEADER,
    /** Fields of an envelope struct around the payload. */
    ENVELOPE
}
