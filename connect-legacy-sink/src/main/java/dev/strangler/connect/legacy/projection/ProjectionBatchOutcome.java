package dev.strangler.connect.legacy.projection;

import java.util.List;

/**
 * What became of one put batch: the events the sink set aside (for the dead-letter path, each with its reason);
 * everything else was written or deliberately skipped, and committed.
 *
 * @param rejected   events set aside, by index in the batch
 * @param rowsApplied rows the database changed
 * @param staleSkips writes that changed nothing because the row was as new or newer
 */
public record ProjectionBatchOutcome(List<Rejection> rejected, long rowsApplied, long staleSkips) {

    public ProjectionBatchOutcome {
        rejected = List.copyOf(rejected);
    }

    /**
     * @param index  the event's position in the batch
     * @param kind   a short reason tag for metrics: {@code unmapped}, {@code projection}, {@code database}
     * @param reason what is wrong, naming fields and columns but no values
     * @param cause  the underlying error, if any
     */
    public record Rejection(int index, String kind, String reason, Throwable cause) {
    }
}
