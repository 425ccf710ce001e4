package dev.strangler.connect.legacy.projection;

import java.util.List;

import dev.strangler.connect.legacy.write.BatchPlanner.BatchPlan;
import dev.strangler.connect.legacy.write.RowWrite;

/**
 * A batch projected and planned but not yet written: the rows of every event (by index in the batch, empty for an
 * event that writes nothing), the statements they take, and the events the mapping set aside. Immutable, so it can
 * be handed to the writer thread.
 *
 * @param rows        {@code rows.get(i)}: the rows of the batch's i-th event, in mapping order
 * @param plan        the statements of {@code rows} ({@code LegacyTableWriter.plan(rows)})
 * @param rejected    events set aside before the database saw them, by index
 * @param canSetAside whether the database may set aside refused rows too (there is a dead-letter path)
 */
public record PreparedBatch(List<List<RowWrite>> rows, BatchPlan plan, List<ProjectionBatchOutcome.Rejection> rejected,
                            boolean canSetAside) {

    public PreparedBatch {
        rows = List.copyOf(rows);
        rejected = List.copyOf(rejected);
    }
}
