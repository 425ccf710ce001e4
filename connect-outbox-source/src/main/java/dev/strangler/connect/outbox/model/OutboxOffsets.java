package dev.strangler.connect.outbox.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.strangler.connect.core.sql.TableName;

/**
 * The source partition and offset maps Kafka Connect stores for the outbox connector. One partition per outbox
 * table; the offset is the {@link OutboxPosition} of the last row published from it. Keys are named constants and
 * every loaded value is type-checked, because offsets outlive code versions and can be edited by users through
 * {@code PATCH /connectors/{name}/offsets}.
 */
public final class OutboxOffsets {

    /** Partition key: the table as configured ({@code schema.table} or {@code table}). */
    public static final String TABLE_KEY = "outbox.table";
    /** Offset key: the {@code xid8} of the transaction that wrote the last published row (a JSON number). */
    public static final String TRANSACTION_ID_KEY = "xid";
    /** Offset key: the event id of the last published row, in its text form (a JSON string). */
    public static final String EVENT_ID_KEY = "id";

    private OutboxOffsets() {
    }

    public static Map<String, String> partition(TableName table) {
        return Map.of(TABLE_KEY, table.toString());
    }

    public static Map<String, Object> offset(OutboxPosition position) {
        Map<String, Object> offset = new LinkedHashMap<>();
        offset.put(TRANSACTION_ID_KEY, position.transactionId());
        offset.put(EVENT_ID_KEY, position.eventId());
        return offset;
    }

    /**
     * The table a partition names.
     *
     * @throws IllegalArgumentException naming the key when the partition is not one of ours
     */
    public static TableName tableOf(Map<String, ?> partition) {
        if (partition == null) {
            throw new IllegalArgumentException("source partition must not be null");
        }
        Object table = partition.get(TABLE_KEY);
        if (!(table instanceof String name)) {
            throw new IllegalArgumentException("source partition must have a string '" + TABLE_KEY + "', got " + describe(table));
        }
        if (partition.size() != 1) {
            throw new IllegalArgumentException("source partition must have only the key '" + TABLE_KEY + "', got keys " + partition.keySet());
        }
        return TableName.parse(name);
    }

    /**
     * The position an offset map holds; empty for no offset (nothing published yet, or offsets reset).
     *
     * @throws IllegalArgumentException naming the key when a value is missing or has the wrong type
     */
    public static Optional<OutboxPosition> positionOf(Map<String, ?> offset) {
        if (offset == null) {
            return Optional.empty();
        }
        Object xid = offset.get(TRANSACTION_ID_KEY);
        Object id = offset.get(EVENT_ID_KEY);
        if (!(xid instanceof Long || xid instanceof Integer || xid instanceof Short || xid instanceof Byte)) {
            throw new IllegalArgumentException("offset key '" + TRANSACTION_ID_KEY + "' must be an integer (the row's xid8), got "
                    + describe(xid));
        }
        if (((Number) xid).longValue() < 0) {
            throw new IllegalArgumentException("offset key '" + TRANSACTION_ID_KEY + "' must not be negative, got " + xid);
        }
        if (!(id instanceof String eventId)) {
            throw new IllegalArgumentException("offset key '" + EVENT_ID_KEY + "' must be a string (the row's id as text), got "
                    + describe(id));
        }
        if (offset.size() != 2) {
            throw new IllegalArgumentException("offset must have exactly the keys '" + TRANSACTION_ID_KEY + "' and '" + EVENT_ID_KEY
                    + "', got " + offset.keySet());
        }
        return Optional.of(new OutboxPosition(((Number) xid).longValue(), eventId));
    }

    private static String describe(Object value) {
        return value == null ? "nothing" : value.getClass().getSimpleName() + " " + value;
    }
}
