package dev.strangler.connect.outbox.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

import dev.strangler.connect.outbox.model.OutboxPosition;

/**
 * Binds a position to the {@code (xid, id) > (?, ?)} and {@code <= (?, ?)} parameters of the outbox queries.
 */
public final class PositionParameters {

    private PositionParameters() {
    }

    /**
     * Binds {@code (xid, id)} untyped ({@link Types#OTHER}): PostgreSQL then takes the types from the columns they
     * are compared with, so an xid8 and a uuid, bigint or text id all compare in their own order.
     *
     * @return the index of the next parameter
     */
    public static int bind(PreparedStatement statement, int first, OutboxPosition position) throws SQLException {
        statement.setObject(first, Long.toString(position.transactionId()), Types.OTHER);
        statement.setObject(first + 1, position.eventId(), Types.OTHER);
        return first + 2;
    }
}
