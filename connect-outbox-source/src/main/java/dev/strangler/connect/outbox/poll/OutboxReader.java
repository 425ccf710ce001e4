package dev.strangler.connect.outbox.poll;

import java.sql.SQLException;
import java.util.Optional;
import java.util.OptionalLong;

import dev.strangler.connect.outbox.model.OutboxBatch;
import dev.strangler.connect.outbox.model.OutboxPosition;
import dev.strangler.connect.core.sql.TableName;

/** Reads final outbox rows in publication order; {@link JdbcOutboxReader} is the PostgreSQL implementation. */
public interface OutboxReader {

    /**
     * Up to {@code limit} final rows of {@code table} after {@code after} (from the start when empty), and whether
     * the transaction of the last row is complete.
     */
    OutboxBatch read(TableName table, Optional<OutboxPosition> after, int limit) throws SQLException;

    /** Age in milliseconds of the oldest row after {@code after}, 0 when drained; empty when unknown. */
    OptionalLong lagMillis(TableName table, Optional<OutboxPosition> after) throws SQLException;
}
