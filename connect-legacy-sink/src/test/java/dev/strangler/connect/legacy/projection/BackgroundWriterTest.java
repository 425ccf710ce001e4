package dev.strangler.connect.legacy.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.strangler.connect.core.metrics.PluginMetricsRecorder;
import dev.strangler.connect.core.origin.OriginMarker;
import dev.strangler.connect.core.sql.PostgresDialect;
import dev.strangler.connect.core.sql.SqlFailure;
import dev.strangler.connect.legacy.event.ProjectionEvent;
import dev.strangler.connect.legacy.mapping.EventProjector;
import dev.strangler.connect.legacy.mapping.MappingParser;
import dev.strangler.connect.legacy.mapping.ProjectionAuthority;
import dev.strangler.connect.legacy.write.LegacyTableWriter;
import dev.strangler.connect.legacy.write.LegacyWriteException;
import dev.strangler.connect.legacy.write.WriteMetrics;

/**
 * The background writer without a database: the connection factory stands in for a database that is slow to
 * answer and then unreachable, which is what the task must tell apart from a committed batch.
 */
class BackgroundWriterTest {

    private static final OriginMarker MARKER = OriginMarker.of("strangler_origin", "strangler-connect");
    private static final String MAPPING = """
            {"events": {"PolicyChanged": {"writes": [{"table": "policy", "mode": "upsert", "key": ["id"],
               "columns": {"id": {"field": "id"}}}]}}}
            """;

    private final WriteMetrics metrics = new WriteMetrics(PluginMetricsRecorder.detached());
    private final CountDownLatch databaseAnswers = new CountDownLatch(1);
    private final AtomicInteger connectionAttempts = new AtomicInteger();

    private LegacyProjection projection() {
        LegacyTableWriter unreachable = new LegacyTableWriter(() -> {
            connectionAttempts.incrementAndGet();
            try {
                databaseAnswers.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new SQLTransientConnectionException("Connection refused", "08001");
        }, PostgresDialect.INSTANCE, MARKER, metrics);
        return new LegacyProjection(new EventProjector(MappingParser.parse(MAPPING, MARKER, Optional.empty()),
                ProjectionAuthority.everything()), unreachable, UnmappedEventPolicy.SKIP, metrics);
    }

    private static ProjectionEvent event(long offset) {
        return new ProjectionEvent(new ProjectionEvent.RecordPosition("policies", 0, offset), Optional.of("PolicyChanged"), "k",
                Map.of("id", offset), java.time.Instant.EPOCH);
    }

    @Test
    void aTransientFailureInFlightIsReportedAsSuchWhenAwaited() throws Exception {
        LegacyProjection projection = projection();
        try (BackgroundWriter writer = new BackgroundWriter(projection, "test-writer")) {
            CompletableFuture<ProjectionBatchOutcome> write = writer.submit(projection.prepare(List.of(event(1), event(2)), true));
            assertThat(write).isNotDone();

            databaseAnswers.countDown();

            assertThatThrownBy(() -> BackgroundWriter.await(write)).isInstanceOfSatisfying(LegacyWriteException.class,
                    e -> assertThat(e.failure()).isEqualTo(SqlFailure.TRANSIENT));
        }
    }

    @Test
    void onlyOneBatchIsInFlight() throws Exception {
        LegacyProjection projection = projection();
        try (BackgroundWriter writer = new BackgroundWriter(projection, "test-writer")) {
            PreparedBatch batch = projection.prepare(List.of(event(1)), true);
            CompletableFuture<ProjectionBatchOutcome> first = writer.submit(batch);

            assertThatThrownBy(() -> writer.submit(batch)).isInstanceOf(IllegalStateException.class);

            databaseAnswers.countDown();
            assertThatThrownBy(() -> BackgroundWriter.await(first)).isInstanceOf(LegacyWriteException.class);
            // Once the first is done (here: failed), the same batch can be written again.
            assertThatThrownBy(() -> BackgroundWriter.await(writer.submit(batch))).isInstanceOf(LegacyWriteException.class);
        }
    }

    @Test
    void aBatchQueuedBehindOneThatFailsIsNeverWritten() throws Exception {
        LegacyProjection projection = projection();
        try (BackgroundWriter writer = new BackgroundWriter(projection, "test-writer")) {
            CompletableFuture<ProjectionBatchOutcome> first = writer.submit(projection.prepare(List.of(event(1)), true));
            PreparedBatch second = projection.prepare(List.of(event(2)), true);
            CompletableFuture<ProjectionBatchOutcome> queued = writer.submitAfter(first, second);
            assertThat(queued).isNotDone();
            // One waits at most, and only behind the last batch submitted.
            assertThatThrownBy(() -> writer.submitAfter(queued, second)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> writer.submitAfter(first, second)).isInstanceOf(IllegalStateException.class);

            databaseAnswers.countDown();

            assertThatThrownBy(() -> BackgroundWriter.await(first)).isInstanceOf(LegacyWriteException.class);
            assertThatThrownBy(() -> BackgroundWriter.await(queued)).isInstanceOfSatisfying(LegacyWriteException.class,
                    e -> assertThat(e.failure()).isEqualTo(SqlFailure.TRANSIENT));
            assertThat(connectionAttempts).as("the queued batch never reached the database").hasValue(1);
            // The failed batch is written again first; a batch can queue behind it as before.
            CompletableFuture<ProjectionBatchOutcome> again = writer.submit(projection.prepare(List.of(event(1)), true));
            CompletableFuture<ProjectionBatchOutcome> secondAgain = writer.submitAfter(again, second);
            assertThatThrownBy(() -> BackgroundWriter.await(secondAgain)).isInstanceOf(LegacyWriteException.class);
            assertThat(connectionAttempts).hasValue(2);
        }
    }

    @Test
    void aBatchWithoutRowsCommitsWithoutTheDatabase() throws Exception {
        LegacyProjection projection = projection();
        try (BackgroundWriter writer = new BackgroundWriter(projection, "test-writer")) {
            ProjectionEvent unmapped = new ProjectionEvent(new ProjectionEvent.RecordPosition("policies", 0, 3),
                    Optional.of("PolicyRenamed"), "k", Map.of(), java.time.Instant.EPOCH);
            ProjectionBatchOutcome outcome = BackgroundWriter.await(writer.submit(projection.prepare(List.of(unmapped), true)));
            assertThat(outcome.rejected()).isEmpty();
            assertThat(outcome.rowsApplied()).isZero();
        }
    }

}
