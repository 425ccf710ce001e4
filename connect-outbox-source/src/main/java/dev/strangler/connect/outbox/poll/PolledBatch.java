package dev.strangler.connect.outbox.poll;

import java.util.List;

import org.apache.kafka.connect.source.SourceRecord;

/**
 * What one poll produced: the records in publication order, the records after which a source transaction is
 * complete (Kafka transaction boundaries when the connector defines them), and whether, in a poll that produced
 * no record, a source transaction whose records went out in earlier polls ended (its remaining rows were skipped
 * bad rows), so the open Kafka transaction should be committed without a record to commit on.
 */
public record PolledBatch(List<SourceRecord> records, List<SourceRecord> transactionEnds, boolean earlierTransactionEnded) {

    public PolledBatch {
        records = List.copyOf(records);
        transactionEnds = List.copyOf(transactionEnds);
    }

    public static PolledBatch empty() {
        return new PolledBatch(List.of(), List.of(), false);
    }

    public boolean isEmpty() {
        return records.isEmpty();
    }
}
