package dev.strangler.connect.outbox.shape;

/** How the payload column becomes the record value. */
public enum PayloadFormat {
    /** Parse the JSON and expand it into a Connect Struct with an inferred schema ({@link JsonPayloadExpander}). */
    EXPANDED,
    /** The payload text as a string, unparsed (json, jsonb and text columns). */
    STRING,
    /** The payload as bytes: bytea as stored, text as UTF-8; for payloads already serialised by the service. */
    BYTES
}
