package dev.strangler.connect.outbox.plan;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

import dev.strangler.connect.outbox.model.OutboxRow;

/**
 * Where a plan field's value comes from in an outbox row: a (dotted) path into the JSON payload, or one of the
 * additional columns the connector reads. Written {@code payload:customer.country} or {@code column:country}.
 */
public final class FieldSource {

    static final String PAYLOAD_PREFIX = "payload:";
    static final String COLUMN_PREFIX = "column:";

    private final List<String> payloadPath;
    private final String column;

    private FieldSource(List<String> payloadPath, String column) {
        this.payloadPath = payloadPath;
        this.column = column;
    }

    /** The payload's top-level field {@code name}: where a plan field is read from when no source is configured. */
    public static FieldSource payloadField(String name) {
        return new FieldSource(List.of(name), null);
    }

    /**
     * Parses {@code payload:a.b} or {@code column:name}.
     *
     * @throws IllegalArgumentException with a message for the user
     */
    public static FieldSource parse(String text) {
        String value = text.trim();
        if (value.startsWith(PAYLOAD_PREFIX)) {
            String path = value.substring(PAYLOAD_PREFIX.length());
            List<String> steps = List.of(path.split("\\.", -1));
            if (path.isEmpty() || steps.stream().anyMatch(String::isBlank)) {
                throw new IllegalArgumentException("'" + value + "' needs a dotted path into the payload, e.g. payload:customer.country");
            }
            return new FieldSource(steps, null);
        }
        if (value.startsWith(COLUMN_PREFIX) && !value.substring(COLUMN_PREFIX.length()).isBlank()) {
            return new FieldSource(null, value.substring(COLUMN_PREFIX.length()).trim());
        }
        throw new IllegalArgumentException("'" + value + "' must be payload:<path> or column:<additional column>");
    }

    /** The additional column this field is read from, if it is read from a column. */
    public java.util.Optional<String> column() {
        return java.util.Optional.ofNullable(column);
    }

    /**
     * The field's value in {@code row}: text, a number or a boolean; null when absent, JSON null, an object or an
     * array (a predicate condition never matches null).
     *
     * @param payload the row's payload parsed once per row (a missing node when it is absent or not JSON)
     */
    Object read(OutboxRow row, JsonNode payload) {
        if (column != null) {
            return row.additional().get(column);
        }
        JsonNode node = payload;
        for (String step : payloadPath) {
            node = node.path(step);
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FieldSource that && Objects.equals(payloadPath, that.payloadPath) && Objects.equals(column, that.column);
    }

    @Override
    public int hashCode() {
        return Objects.hash(payloadPath, column);
    }

    @Override
    public String toString() {
        return column != null ? COLUMN_PREFIX + column : PAYLOAD_PREFIX + String.join(".", payloadPath);
    }
}
