package dev.strangler.connect.outbox.poll;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import dev.strangler.connect.core.sql.TableName;
import dev.strangler.connect.outbox.model.OutboxBatch;
import dev.strangler.connect.outbox.model.OutboxPosition;
import dev.strangler.connect.outbox.model.OutboxRow;

/**
 * Final rows held in memory for poller unit tests, read with the same contract as the SQL reader: (xid, id) order
 * (ids compared as numbers here), strictly after the position, one row of look-ahead to tell whether the last
 * returned transaction is complete. Also records every read so tests can see what was asked.
 */
final class InMemoryOutboxReader implements OutboxReader {

    private static final Comparator<OutboxPosition> ORDER = Comparator.comparingLong(OutboxPosition::transactionId)
            .thenComparingLong(position -> Long.parseLong(position.eventId()));

    private final Map<TableName, List<OutboxRow>> rows = new HashMap<>();
    final List<String> reads = new ArrayList<>();

    void add(OutboxRow row) {
        rows.computeIfAbsent(row.table(), t -> new ArrayList<>()).add(row);
        rows.get(row.table()).sort(Comparator.comparing(OutboxRow::position, ORDER));
    }

    @Override
    public OutboxBatch read(TableName table, Optional<OutboxPosition> after, int limit) {
        reads.add(table + " after " + after.map(OutboxPosition::toString).orElse("start"));
        List<OutboxRow> selected = rows.getOrDefault(table, List.of()).stream()
                .filter(row -> after.isEmpty() || ORDER.compare(row.position(), after.get()) > 0)
                .limit(limit + 1L)
                .toList();
        if (selected.size() <= limit) {
            return new OutboxBatch(selected, true);
        }
        List<OutboxRow> returned = selected.subList(0, limit);
        return new OutboxBatch(returned,
                selected.get(limit).position().transactionId() != returned.get(limit - 1).position().transactionId());
    }

    @Override
    public OptionalLong lagMillis(TableName table, Optional<OutboxPosition> after) {
        return OptionalLong.empty();
    }
}
