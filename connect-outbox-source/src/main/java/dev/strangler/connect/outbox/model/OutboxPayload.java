package dev.strangler.connect.outbox.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The payload column of one row as the database returned it: text (json, jsonb, text columns) or bytes (bytea).
 * Kept undecoded until shaping, so pass-through formats never parse JSON.
 */
public final class OutboxPayload {

    private final String text;
    private final byte[] bytes;

    private OutboxPayload(String text, byte[] bytes) {
        this.text = text;
        this.bytes = bytes;
    }

    public static OutboxPayload text(String text) {
        return new OutboxPayload(text, null);
    }

    public static OutboxPayload bytes(byte[] bytes) {
        return new OutboxPayload(null, bytes.clone());
    }

    public String asText() {
        return text != null ? text : new String(bytes, StandardCharsets.UTF_8);
    }

    public byte[] asBytes() {
        return text != null ? text.getBytes(StandardCharsets.UTF_8) : bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutboxPayload other && Arrays.equals(asBytes(), other.asBytes());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(asBytes());
    }

    @Override
    public String toString() {
        // Payloads can carry personal data: never print them.
        return "OutboxPayload[" + (text != null ? text.length() + " chars" : bytes.length + " bytes") + "]";
    }
}
