package dev.strangler.connect.legacy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.strangler.connect.core.StranglerVersion;
import dev.strangler.connect.core.jdbc.JdbcConnectionConfig;
import dev.strangler.connect.core.metrics.PluginMetricsRecorder;
import dev.strangler.connect.legacy.event.ProjectionEvent;
import dev.strangler.connect.legacy.mapping.EventProjector;
import dev.strangler.connect.legacy.mapping.ProjectionAuthority;
import dev.strangler.connect.legacy.projection.LegacyProjection;
import dev.strangler.connect.legacy.projection.ProjectionBatchOutcome;
import dev.strangler.connect.legacy.projection.ProjectionHaltedException;
import dev.strangler.connect.legacy.write.LegacyTableWriter;
import dev.strangler.connect.legacy.write.LegacyWriteException;
import dev.strangler.connect.legacy.write.WriteMetrics;

/**
 * Connect glue of the legacy sink: converts records at the edge, hands the batch to {@link LegacyProjection},
 * reports set-aside records to the errant record reporter and turns transient database failures into bounded
 * retries.
 *
 * <p>Offsets: {@link #put} returns only after the batch's transaction committed, and throws when it did not, so the
 * framework never commits an offset for a record whose write is not in the database; {@link #flush} has nothing
 * left to write. On a transient failure the framework redelivers the same batch after {@code context.timeout}.
 */
public class LegacySinkTask extends SinkTask {

    private static final Logger LOG = LoggerFactory.getLogger(LegacySinkTask.class);

    private LegacySinkConfig config;
    private RecordConversion conversion;
    private LegacyProjection projection;
    private WriteMetrics metrics;
    private ErrantRecordReporter reporter;
    private int consecutiveRetries;

    @Override
    public String version() {
        return StranglerVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new LegacySinkConfig(props);
        metrics = new WriteMetrics(PluginMetricsRecorder.of(context.pluginMetrics()));
        conversion = new RecordConversion(config.eventTypeSource());
        reporter = errantRecordReporter();
        JdbcConnectionConfig connection = config.connection();
        ProjectionAuthority authority = config.plan().map(ProjectionAuthority::of).orElse(ProjectionAuthority.everything());
        LegacyTableWriter writer = new LegacyTableWriter(connection::open, connection.dialect(), config.originMarker(), metrics);
        projection = new LegacyProjection(new EventProjector(config.mapping(), authority), writer, config.unmappedPolicy(), metrics);
        // Not the URL: it may carry credentials as parameters.
        LOG.info("Legacy projection task started (dialect {}, {} event types mapped, dead-letter reporting {})",
                connection.dialect().name(), config.mapping().eventTypes().size(),
                reporter == null ? "unavailable: a bad record fails the task" : "available");
    }

    private ErrantRecordReporter errantRecordReporter() {
        try {
            return context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            return null; // a worker older than Kafka 2.6
        }
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        List<SinkRecord> batch = new ArrayList<>(records);
        List<ProjectionEvent> events = new ArrayList<>(batch.size());
        List<SinkRecord> convertible = new ArrayList<>(batch.size());
        for (SinkRecord record : batch) {
            try {
                events.add(conversion.toEvent(record));
                convertible.add(record);
            } catch (DataException e) {
                setAside(record, "conversion", e.getMessage(), e);
            }
        }
        ProjectionBatchOutcome outcome;
        try {
            outcome = projection.apply(events, reporter != null);
        } catch (LegacyWriteException e) {
            retryLater(e);
            return;
        } catch (ProjectionHaltedException e) {
            throw new ConnectException(e.getMessage(), e);
        }
        consecutiveRetries = 0;
        for (ProjectionBatchOutcome.Rejection rejection : outcome.rejected()) {
            setAside(convertible.get(rejection.index()), rejection.kind(), rejection.reason(), rejection.cause());
        }
        LOG.debug("Projected {} records: {} rows changed, {} stale skips, {} set aside", batch.size(),
                outcome.rowsApplied(), outcome.staleSkips(), outcome.rejected().size());
    }

    /** Bounded retry of the same batch: the framework redelivers it after the pause; nothing was committed. */
    private void retryLater(LegacyWriteException e) {
        consecutiveRetries++;
        if (consecutiveRetries > config.retryMaxAttempts()) {
            throw new ConnectException("The legacy database kept failing after " + config.retryMaxAttempts()
                    + " retries; stopping the task (no offset was committed for the failed batch)", e);
        }
        long backoff = config.retryBackoff(consecutiveRetries).toMillis();
        metrics.retried();
        LOG.warn("Transient failure writing to the legacy database, retry {} of {} in {} ms: {}",
                consecutiveRetries, config.retryMaxAttempts(), backoff, e.getMessage());
        context.timeout(backoff);
        throw new RetriableException(e.getMessage(), e);
    }

    private void setAside(SinkRecord record, String kind, String reason, Throwable cause) {
        if (reporter == null) {
            throw new ConnectException("Record " + RecordConversion.position(record) + " cannot be projected (" + reason
                    + ") and no dead-letter queue is configured (errors.tolerance=all and errors.deadletterqueue.topic.name)", cause);
        }
        metrics.deadLettered(kind);
        LOG.debug("Record {} sent to the dead-letter queue: {}", RecordConversion.position(record), reason);
        // The reason travels as the exception message (the DLQ's context headers carry it); never the record's value.
        reporter.report(record, new LegacyProjectionRejectedException(reason, cause));
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        // Every record handed to put() is committed to the database (or reported) before put() returns, so the
        // offsets the framework tracks are safe to commit as they are. The errant record reporter's futures are
        // awaited by the framework before it commits.
        return currentOffsets;
    }

    @Override
    public void stop() {
        if (projection != null) {
            projection.close();
        }
        if (metrics != null) {
            metrics.recorder().close();
        }
    }
}
