package dev.strangler.connect.outbox.housekeeping;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import dev.strangler.connect.core.sql.SqlIdentifier;
import dev.strangler.connect.core.sql.TableName;
import dev.strangler.connect.outbox.model.OutboxPosition;
import dev.strangler.connect.outbox.jdbc.PositionParameters;
import dev.strangler.connect.outbox.jdbc.PostgresSession;
import dev.strangler.connect.outbox.sql.OutboxQueries;

/**
 * Deletes or marks published rows with one statement per table and run. Every row at or before a committed
 * position is final (its transaction finished before the snapshot that read it), so nothing unpublished can hide
 * in the range.
 */
public final class JdbcHousekeeper implements Housekeeper {

    private final PostgresSession session;
    private final Map<TableName, OutboxQueries> queries;
    private final HousekeepingMode mode;
    private final Optional<SqlIdentifier> markColumn;
    private final Duration retention;
    /** Mark mode: the position marked last, so each run updates only rows published since. */
    private final Map<TableName, OutboxPosition> markedUpTo = new HashMap<>();

    public JdbcHousekeeper(PostgresSession session, Map<TableName, OutboxQueries> queries, HousekeepingMode mode,
                           Optional<SqlIdentifier> markColumn, Duration retention) {
        if (mode == HousekeepingMode.LEAVE) {
            throw new IllegalArgumentException("use Housekeeper.LEAVE to leave rows alone");
        }
        if (mode == HousekeepingMode.MARK && markColumn.isEmpty()) {
            throw new IllegalArgumentException("mark mode needs a mark column");
        }
        this.session = session;
        this.queries = Map.copyOf(queries);
        this.mode = mode;
        this.markColumn = markColumn;
        this.retention = retention;
    }

    @Override
    public long clean(TableName table, OutboxPosition committed) throws SQLException {
        OutboxQueries tableQueries = queries.get(table);
        boolean withRetention = !retention.isZero();
        if (mode == HousekeepingMode.DELETE) {
            try (PreparedStatement delete = session.connection().prepareStatement(tableQueries.deletePublished(withRetention))) {
                bind(delete, 1, committed);
                if (withRetention) {
                    delete.setLong(3, retention.toMillis());
                }
                return delete.executeUpdate();
            }
        }
        long changed;
        Optional<OutboxPosition> lowerBound = Optional.ofNullable(markedUpTo.get(table));
        try (PreparedStatement mark = session.connection().prepareStatement(tableQueries.markPublished(markColumn.get(), lowerBound.isPresent()))) {
            int next = 1;
            if (lowerBound.isPresent()) {
                next = bind(mark, next, lowerBound.get());
            }
            bind(mark, next, committed);
            changed = mark.executeUpdate();
        }
        markedUpTo.put(table, committed);
        if (withRetention) {
            try (PreparedStatement delete = session.connection().prepareStatement(tableQueries.deleteMarkedBefore(markColumn.get()))) {
                delete.setLong(1, retention.toMillis());
                changed += delete.executeUpdate();
            }
        }
        return changed;
    }

    private static int bind(PreparedStatement statement, int first, OutboxPosition position) throws SQLException {
        return PositionParameters.bind(statement, first, position);
    }
}
