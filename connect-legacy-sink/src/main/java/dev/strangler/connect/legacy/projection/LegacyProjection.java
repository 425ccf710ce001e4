package dev.strangler.connect.legacy.projection;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.strangler.connect.core.sql.SqlFailure;
import dev.strangler.connect.legacy.event.ProjectionEvent;
import dev.strangler.connect.legacy.mapping.EventProjector;
import dev.strangler.connect.legacy.mapping.EventProjector.Projection;
import dev.strangler.connect.legacy.mapping.ProjectionException;
import dev.strangler.connect.legacy.write.LegacyTableWriter;
import dev.strangler.connect.legacy.write.LegacyWriteException;
import dev.strangler.connect.legacy.write.RowWrite;
import dev.strangler.connect.legacy.write.WriteMetrics;

/**
 * The legacy projection of one put batch, without Connect: project every event into rows, write them in one
 * transaction, and say which events were set aside and why. The task adds only what is Connect's: converting
 * records, the dead-letter reporter, retry back-off.
 */
public final class LegacyProjection implements AutoCloseable {

    private final EventProjector projector;
    private final LegacyTableWriter writer;
    private final UnmappedEventPolicy unmappedPolicy;
    private final WriteMetrics metrics;

    public LegacyProjection(EventProjector projector, LegacyTableWriter writer, UnmappedEventPolicy unmappedPolicy, WriteMetrics metrics) {
        this.projector = projector;
        this.writer = writer;
        this.unmappedPolicy = unmappedPolicy;
        this.metrics = metrics;
    }

    /**
     * Projects and writes one batch, on the caller's thread: {@link #prepare} then {@link #write}.
     *
     * @param canSetAside whether rejected events can go to a dead-letter path; if not, any rejection halts the
     *                    batch before anything is committed
     * @throws LegacyWriteException       a transient database failure: nothing was committed, retry the batch
     * @throws ProjectionHaltedException  the batch must not be written or skipped: stop the task
     */
    public ProjectionBatchOutcome apply(List<ProjectionEvent> events, boolean canSetAside)
            throws LegacyWriteException, ProjectionHaltedException {
        return write(prepare(events, canSetAside));
    }

    /**
     * The database-free half of a batch: projects every event into its rows, sets aside the events the mapping
     * refuses and plans the statements. Pure apart from metrics, so the task runs it while the previous batch is
     * still being written.
     *
     * @throws ProjectionHaltedException the batch must not be written or skipped: stop the task
     */
    public PreparedBatch prepare(List<ProjectionEvent> events, boolean canSetAside) throws ProjectionHaltedException {
        List<ProjectionBatchOutcome.Rejection> rejected = new ArrayList<>();
        List<List<RowWrite>> rows = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            ProjectionEvent event = events.get(i);
            List<RowWrite> eventRows = List.of();
            try {
                Projection projection = projector.project(event);
                if (projection instanceof EventProjector.Rows written) {
                    eventRows = written.rows();
                } else if (projection instanceof EventProjector.Skipped skipped) {
                    Optional<ProjectionBatchOutcome.Rejection> rejection = skip(i, event, skipped);
                    rejection.ifPresent(rejected::add);
                }
            } catch (ProjectionException e) {
                if (e.failsTask()) {
                    throw new ProjectionHaltedException("Record " + event.position() + " cannot be projected: " + e.getMessage(), e);
                }
                rejected.add(new ProjectionBatchOutcome.Rejection(i, "projection", e.getMessage(), e));
            }
            rows.add(eventRows);
        }
        if (!rejected.isEmpty() && !canSetAside) {
            ProjectionBatchOutcome.Rejection first = rejected.get(0);
            throw new ProjectionHaltedException("Record " + events.get(first.index()).position() + " cannot be projected ("
                    + first.reason() + ") and no dead-letter queue is configured (errors.tolerance=all and "
                    + "errors.deadletterqueue.topic.name)", first.cause());
        }
        return new PreparedBatch(rows, LegacyTableWriter.plan(rows), rejected, canSetAside);
    }

    /**
     * The database half of a batch: writes the prepared rows in one transaction. Uses the writer's one connection,
     * so calls must not overlap (the task's {@link BackgroundWriter} runs them on one thread, one at a time).
     *
     * @throws LegacyWriteException       a transient database failure: nothing was committed, retry the batch
     * @throws ProjectionHaltedException  the batch must not be written or skipped: stop the task
     */
    public ProjectionBatchOutcome write(PreparedBatch batch) throws LegacyWriteException, ProjectionHaltedException {
        long start = System.nanoTime();
        LegacyTableWriter.BatchResult result;
        try {
            result = writer.write(batch.rows(), batch.plan(), batch.canSetAside());
        } catch (LegacyWriteException e) {
            if (e.failure() == SqlFailure.TRANSIENT) {
                throw e;
            }
            throw new ProjectionHaltedException(e.failure() == SqlFailure.BAD_ROW
                    ? "The legacy database refused a row and no dead-letter queue is configured: " + e.getMessage()
                    : "The legacy database refused the batch for a reason no retry can fix: " + e.getMessage(), e);
        }
        List<ProjectionBatchOutcome.Rejection> rejected = new ArrayList<>(batch.rejected());
        for (Map.Entry<Integer, SQLException> refused : result.rejected().entrySet()) {
            SQLException cause = refused.getValue();
            rejected.add(new ProjectionBatchOutcome.Rejection(refused.getKey(), "database",
                    "the legacy database refused the event's rows: " + LegacyTableWriter.summary(cause), null));
        }
        rejected.sort(java.util.Comparator.comparingInt(ProjectionBatchOutcome.Rejection::index));
        metrics.batchWritten(start);
        return new ProjectionBatchOutcome(rejected, result.rowsApplied(), result.staleSkips());
    }

    private Optional<ProjectionBatchOutcome.Rejection> skip(int index, ProjectionEvent event, EventProjector.Skipped skipped)
            throws ProjectionHaltedException {
        boolean unmapped = skipped.reason() == EventProjector.SkipReason.UNMAPPED_TYPE
                || skipped.reason() == EventProjector.SkipReason.NO_EVENT_TYPE;
        if (!unmapped || unmappedPolicy == UnmappedEventPolicy.SKIP) {
            metrics.skipped(skipped.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            return Optional.empty();
        }
        String reason = skipped.reason() == EventProjector.SkipReason.NO_EVENT_TYPE
                ? "the record carries no event type"
                : "no mapping for event type '" + skipped.eventType().orElse("") + "'";
        if (unmappedPolicy == UnmappedEventPolicy.FAIL) {
            throw new ProjectionHaltedException("Record " + event.position() + ": " + reason
                    + " (event.unmapped.policy=fail)", null);
        }
        return Optional.of(new ProjectionBatchOutcome.Rejection(index, "unmapped", reason, null));
    }

    @Override
    public void close() {
        writer.close();
    }
}
