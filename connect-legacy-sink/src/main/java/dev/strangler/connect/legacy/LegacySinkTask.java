package dev.strangler.connect.legacy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

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
import dev.strangler.connect.legacy.projection.BackgroundWriter;
import dev.strangler.connect.legacy.projection.LegacyProjection;
import dev.strangler.connect.legacy.projection.PreparedBatch;
import dev.strangler.connect.legacy.projection.ProjectionBatchOutcome;
import dev.strangler.connect.legacy.projection.ProjectionHaltedException;
import dev.strangler.connect.legacy.write.LegacyTableWriter;
import dev.strangler.connect.legacy.write.LegacyWriteException;
import dev.strangler.connect.legacy.write.WriteMetrics;

/**
 * Connect glue of the legacy sink: converts records at the edge, has {@link LegacyProjection} project them, writes
 * them through a {@link BackgroundWriter}, reports set-aside records to the errant record reporter and turns
 * transient database failures into bounded retries.
 *
 * <p>Pipelining: {@link #put} converts and projects its batch while the previous batch's transaction runs on the
 * writer thread, queues it behind that transaction, then waits for the transaction. The writer runs batches one
 * at a time in record order, and a queued batch only after the one before it committed.
 *
 * <p>Offsets: the framework's offsets run one batch ahead of the database, so {@link #preCommit} reports only
 * {@link WrittenOffsets}: batches whose transaction committed and whose dead-letter reports were acknowledged.
 * It waits for the batch in flight first, so a rebalance or shutdown (both commit before closing) commits
 * everything written. Dead-letter reports are made when a batch's write is known, never for a batch that is
 * written again.
 *
 * <p>A transient failure of a batch in flight is learnt by the next {@code put}: that batch has already left
 * the framework's hands, so the task keeps it, asks for a pause ({@code context.timeout}) and throws
 * {@link RetriableException}; the framework then delivers the current batch again, and the task writes the kept
 * batch first, synchronously, before anything newer. Nothing is lost: neither batch's offsets were reported.
 */
public class LegacySinkTask extends SinkTask {

    private static final Logger LOG = LoggerFactory.getLogger(LegacySinkTask.class);

    private LegacySinkConfig config;
    private RecordConversion conversion;
    private BackgroundWriter writer;
    private LegacyProjection projection;
    private WriteMetrics metrics;
    private ErrantRecordReporter reporter;
    private final WrittenOffsets written = new WrittenOffsets();
    /** Submitted to the writer; its outcome not yet seen. */
    private PutBatch inFlight;
    /** Failed transiently; written again before anything newer. Never set together with {@link #inFlight}. */
    private PutBatch failed;
    private int consecutiveRetries;

    /** A record the sink cannot project, waiting for its batch's write to be known before it is reported. */
    private record SetAside(SinkRecord record, String kind, String reason, Throwable cause) {
    }

    /**
     * One put batch between conversion and the dead-letter reports: its records by event index (to report refused
     * events), the records conversion refused, the offsets it covers and its projected rows.
     */
    private static final class PutBatch {
        final List<SinkRecord> converted;
        final List<SetAside> notConverted;
        final Map<TopicPartition, Long> firstOffsets;
        final Map<TopicPartition, Long> nextOffsets;
        final PreparedBatch prepared;
        CompletableFuture<ProjectionBatchOutcome> write;

        PutBatch(List<SinkRecord> converted, List<SetAside> notConverted, Map<TopicPartition, Long> firstOffsets,
                 Map<TopicPartition, Long> nextOffsets, PreparedBatch prepared) {
            this.converted = converted;
            this.notConverted = notConverted;
            this.firstOffsets = firstOffsets;
            this.nextOffsets = nextOffsets;
            this.prepared = prepared;
        }

        int size() {
            return converted.size() + notConverted.size();
        }
    }

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
        LegacyTableWriter tableWriter = new LegacyTableWriter(connection::open, connection.dialect(), config.originMarker(), metrics);
        projection = new LegacyProjection(new EventProjector(config.mapping(), authority), tableWriter, config.unmappedPolicy(), metrics);
        writer = new BackgroundWriter(projection, "legacy-sink-writer-" + props.getOrDefault("name", "task"));
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
        // Converting and projecting this batch overlaps the previous batch's transaction.
        PutBatch next = records.isEmpty() ? null : prepare(records);
        PutBatch previous = inFlight;
        inFlight = null;
        if (failed != null) {
            previous = failed;
            failed = null;
            previous.write = writer.submit(previous.prepared);
        }
        if (next != null) {
            // Queued behind the previous batch, written only if that one commits.
            next.write = previous == null ? writer.submit(next.prepared) : writer.submitAfter(previous.write, next.prepared);
        }
        if (previous != null) {
            // When this throws, the next batch was not written either: the framework delivers its records again.
            settle(previous, true);
        }
        inFlight = next;
    }

    private PutBatch prepare(Collection<SinkRecord> records) {
        List<ProjectionEvent> events = new ArrayList<>(records.size());
        List<SinkRecord> converted = new ArrayList<>(records.size());
        List<SetAside> notConverted = new ArrayList<>(0);
        Map<TopicPartition, Long> firstOffsets = new HashMap<>(4);
        Map<TopicPartition, Long> nextOffsets = new HashMap<>(4);
        TopicPartition partition = null;
        for (SinkRecord record : records) {
            // Offsets are the framework's: the record's position before any transformation renamed its topic.
            String topic = record.originalTopic();
            int partitionNumber = record.originalKafkaPartition();
            if (partition == null || partition.partition() != partitionNumber || !partition.topic().equals(topic)) {
                partition = new TopicPartition(topic, partitionNumber);
            }
            long offset = record.originalKafkaOffset();
            firstOffsets.merge(partition, offset, Math::min);
            nextOffsets.merge(partition, offset + 1, Math::max);
            try {
                events.add(conversion.toEvent(record));
                converted.add(record);
            } catch (DataException e) {
                if (reporter == null) {
                    throw noDeadLetterQueue(record, e.getMessage(), e);
                }
                notConverted.add(new SetAside(record, "conversion", e.getMessage(), e));
            }
        }
        try {
            return new PutBatch(converted, notConverted, firstOffsets, nextOffsets, projection.prepare(events, reporter != null));
        } catch (ProjectionHaltedException e) {
            throw new ConnectException(e.getMessage(), e);
        }
    }

    /**
     * Waits for a batch's write. Committed: its set-aside records are reported and its offsets become committable.
     * Failed transiently: the batch is kept to be written again; in {@code put} that is a retriable failure.
     */
    private void settle(PutBatch batch, boolean inPut) {
        ProjectionBatchOutcome outcome;
        try {
            outcome = BackgroundWriter.await(batch.write);
        } catch (LegacyWriteException e) {
            failed = batch;
            if (inPut) {
                throw retryLater(e);
            }
            LOG.warn("Transient failure writing to the legacy database; the batch is written again on the next put: {}", e.getMessage());
            return;
        } catch (ProjectionHaltedException e) {
            throw new ConnectException(e.getMessage(), e);
        }
        consecutiveRetries = 0;
        List<Future<Void>> reports = new ArrayList<>(0);
        for (SetAside record : batch.notConverted) {
            reports.add(setAside(record.record(), record.kind(), record.reason(), record.cause()));
        }
        for (ProjectionBatchOutcome.Rejection rejection : outcome.rejected()) {
            reports.add(setAside(batch.converted.get(rejection.index()), rejection.kind(), rejection.reason(), rejection.cause()));
        }
        written.written(batch.nextOffsets, reports);
        LOG.debug("Projected {} records: {} rows changed, {} stale skips, {} set aside", batch.size(),
                outcome.rowsApplied(), outcome.staleSkips(), reports.size());
    }

    /** Bounded retry: the framework pauses, then delivers the current batch again; the failed one is written first. */
    private RuntimeException retryLater(LegacyWriteException e) {
        consecutiveRetries++;
        if (consecutiveRetries > config.retryMaxAttempts()) {
            return new ConnectException("The legacy database kept failing after " + config.retryMaxAttempts()
                    + " retries; stopping the task (no offset was committed for the failed batch)", e);
        }
        long backoff = config.retryBackoff(consecutiveRetries).toMillis();
        metrics.retried();
        LOG.warn("Transient failure writing to the legacy database, retry {} of {} in {} ms: {}",
                consecutiveRetries, config.retryMaxAttempts(), backoff, e.getMessage());
        context.timeout(backoff);
        return new RetriableException(e.getMessage(), e);
    }

    private Future<Void> setAside(SinkRecord record, String kind, String reason, Throwable cause) {
        if (reporter == null) {
            throw noDeadLetterQueue(record, reason, cause);
        }
        metrics.deadLettered(kind);
        LOG.debug("Record {} sent to the dead-letter queue: {}", RecordConversion.position(record), reason);
        // The reason travels as the exception message (the DLQ's context headers carry it); never the record's value.
        return reporter.report(record, new LegacyProjectionRejectedException(reason, cause));
    }

    private static ConnectException noDeadLetterQueue(SinkRecord record, String reason, Throwable cause) {
        return new ConnectException("Record " + RecordConversion.position(record) + " cannot be projected (" + reason
                + ") and no dead-letter queue is configured (errors.tolerance=all and errors.deadletterqueue.topic.name)", cause);
    }

    /**
     * Only written offsets: the framework's {@code currentOffsets} include the batch in flight (and a failed one).
     * Waiting here for the batch in flight costs one transaction per commit interval and lets the commit before a
     * rebalance or shutdown include it. The errant record reporter's futures are awaited by the framework only for
     * reports made before this call, so {@link WrittenOffsets} waits for the ones made here.
     */
    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        if (inFlight != null) {
            PutBatch batch = inFlight;
            inFlight = null;
            settle(batch, false);
        }
        return written.committable(currentOffsets.keySet());
    }

    /**
     * Partitions leave the task (rebalance, stop): the framework committed before calling this. A kept failed batch
     * holding records of these partitions is dropped, as their next owner reads them from the committed offsets;
     * its records of partitions the task keeps are read again too (the task rewinds them), so the batch is not
     * written in part and nothing of it is skipped.
     */
    @Override
    public void close(Collection<TopicPartition> partitions) {
        if (inFlight != null) {
            PutBatch batch = inFlight;
            inFlight = null;
            settle(batch, false);
        }
        if (failed != null && partitions.stream().anyMatch(failed.firstOffsets::containsKey)) {
            Map<TopicPartition, Long> rewind = new HashMap<>(failed.firstOffsets);
            rewind.keySet().removeAll(partitions);
            rewind.keySet().retainAll(context.assignment());
            if (!rewind.isEmpty()) {
                context.offset(rewind);
            }
            LOG.info("Dropped a batch that failed to write ({} records); its records are read again from Kafka", failed.size());
            failed = null;
        }
        written.forget(partitions);
    }

    @Override
    public void stop() {
        // Lets a batch still in flight finish before the connection closes; its offsets were not reported, so its
        // records are delivered again to the next task either way.
        if (writer != null) {
            writer.close();
        } else if (projection != null) {
            projection.close();
        }
        if (metrics != null) {
            metrics.recorder().close();
        }
    }
}
