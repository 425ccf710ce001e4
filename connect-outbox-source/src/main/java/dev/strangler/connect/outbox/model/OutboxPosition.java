package dev.strangler.connect.outbox.model;

import java.util.Objects;

/**
 * Where publication of one outbox table stands: the last row published, identified by the id of the transaction
 * that wrote it ({@code xid8}, as a signed long: PostgreSQL would need to run for millennia before an xid8 passes
 * 2^63) and the row's event id in its text form. Rows after it in {@code (xid, id)} order are unpublished.
 *
 * <p>The id is kept as text so that any id type (uuid, bigint, varchar) round-trips through the offset store; the
 * database compares it with the column's own type (the parameter is bound untyped), so "10" after "9" holds for
 * bigint ids.
 */
public record OutboxPosition(long transactionId, String eventId) {

    public OutboxPosition {
        if (transactionId < 0) {
            throw new IllegalArgumentException("transaction id must not be negative: " + transactionId);
        }
        Objects.requireNonNull(eventId, "eventId");
    }

    @Override
    public String toString() {
        return transactionId + "/" + eventId;
    }
}
