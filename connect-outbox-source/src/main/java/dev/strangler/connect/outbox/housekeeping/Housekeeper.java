package dev.strangler.connect.outbox.housekeeping;

import java.sql.SQLException;

import dev.strangler.connect.core.sql.TableName;
import dev.strangler.connect.outbox.model.OutboxPosition;

/**
 * Cleans up published outbox rows. It is only ever given a position whose offset Kafka Connect has committed (read
 * back from the offset store after {@code SourceTask.commit()}), never the position of a record merely sent: rows
 * are removed only when a restart can no longer need them.
 */
public interface Housekeeper {

    /** Housekeeping that leaves the table alone ({@link HousekeepingMode#LEAVE}). */
    Housekeeper LEAVE = (table, committed) -> 0;

    /**
     * Deletes or marks the rows of {@code table} at or before {@code committed}.
     *
     * @return the number of rows deleted or marked
     */
    long clean(TableName table, OutboxPosition committed) throws SQLException;
}
