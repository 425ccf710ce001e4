package dev.strangler.connect.outbox.model;

import java.util.List;

/**
 * The rows one query returned, plus whether the last transaction in it is complete. A batch cut by the row limit
 * may stop in the middle of a source transaction; readers fetch one row more than they return so that the poller
 * knows whether the transaction of the last row continues ({@code lastTransactionComplete == false}).
 */
public record OutboxBatch(List<OutboxRow> rows, boolean lastTransactionComplete) {

    public OutboxBatch {
        rows = List.copyOf(rows);
    }

    public static OutboxBatch empty() {
        return new OutboxBatch(List.of(), true);
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }
}
