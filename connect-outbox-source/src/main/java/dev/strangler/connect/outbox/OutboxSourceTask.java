package dev.strangler.connect.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.source.TransactionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.strangler.connect.core.StranglerVersion;
import dev.strangler.connect.core.metrics.PluginMetricsRecorder;
import dev.strangler.connect.core.sql.PostgresDialect;
import dev.strangler.connect.core.sql.TableName;
import dev.strangler.connect.outbox.housekeeping.Housekeeper;
import dev.strangler.connect.outbox.housekeeping.HousekeepingMode;
import dev.strangler.connect.outbox.housekeeping.JdbcHousekeeper;
import dev.strangler.connect.outbox.jdbc.PostgresSession;
import dev.strangler.connect.outbox.metrics.OutboxMetrics;
import dev.strangler.connect.outbox.model.OutboxOffsets;
import dev.strangler.connect.outbox.model.OutboxPosition;
import dev.strangler.connect.outbox.plan.PublicationGuard;
import dev.strangler.connect.outbox.poll.IdleBackoff;
import dev.strangler.connect.outbox.poll.IntervalWakeUp;
import dev.strangler.connect.outbox.poll.JdbcOutboxReader;
import dev.strangler.connect.outbox.poll.NotificationWakeUp;
import dev.strangler.connect.outbox.poll.OutboxPoller;
import dev.strangler.connect.outbox.poll.PolledBatch;
import dev.strangler.connect.outbox.jdbc.TableLayoutCheck;
import dev.strangler.connect.outbox.poll.WakeUpSignal;
import dev.strangler.connect.outbox.shape.OutboxEventShaper;
import dev.strangler.connect.outbox.sql.OutboxQueries;

/**
 * Publishes the outbox tables assigned by {@link OutboxSourceConnector}. The work is done by {@link OutboxPoller};
 * this class connects it to the worker: offsets in, records and transaction boundaries out, committed offsets back
 * in for housekeeping.
 */
public class OutboxSourceTask extends SourceTask {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxSourceTask.class);

    private OutboxSourceConfig config;
    private OutboxMetrics metrics;
    private PostgresSession session;
    private OutboxPoller poller;
    private WakeUpSignal idleWait;
    private IdleBackoff idleBackoff;
    private final IntervalWakeUp retryWait = new IntervalWakeUp();
    private TransactionContext transactionContext;
    private List<Map<String, String>> partitions;
    private Optional<String> errorTopic;
    private PublicationGuard publicationGuard;
    private volatile boolean stopping;
    private long committedOffsetsReadAt;

    @Override
    public String version() {
        return StranglerVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new OutboxSourceConfig(OutboxSourceConfig.TASK_CONFIG_DEF, props);
        List<TableName> tables = config.taskTables();
        metrics = new OutboxMetrics(PluginMetricsRecorder.of(context.pluginMetrics()));
        session = new PostgresSession(config.connection()::open, config.notifyChannel());
        Map<TableName, OutboxQueries> queries = new LinkedHashMap<>();
        for (TableName table : tables) {
            queries.put(table, new OutboxQueries(PostgresDialect.INSTANCE, config.layout(table)));
        }
        checkTables(queries);

        errorTopic = config.errorTopic();
        OutboxEventShaper shaper = new OutboxEventShaper(config.topicRouter(), config.payloadFormat(), config.metadataPlacement(),
                config.layout(tables.get(0)).schemaVersion().isPresent(), config.additionalColumns(), errorTopic,
                metrics::malformedTraceContext);
        Housekeeper housekeeper = config.housekeepingMode() == HousekeepingMode.LEAVE
                ? Housekeeper.LEAVE
                : new JdbcHousekeeper(session, queries, config.housekeepingMode(), config.markColumn(), config.retention());
        idleWait = config.notifyChannel().isPresent() ? new NotificationWakeUp(session) : new IntervalWakeUp();
        idleBackoff = new IdleBackoff(config.pollBackoffInitial().toMillis(), config.pollInterval().toMillis(),
                System::currentTimeMillis);
        publicationGuard = config.publicationAuthority()
                .map(authority -> new PublicationGuard(authority, config.publisherViolationPolicy(), config.violationTopic(),
                        metrics::publisherViolation))
                .orElse(PublicationGuard.publishEverything());
        transactionContext = context.transactionContext();
        poller = new OutboxPoller(tables, loadPositions(tables), new JdbcOutboxReader(session, queries), shaper, publicationGuard,
                config.badRowPolicy(),
                config.batchSize(), housekeeper, config.housekeepingInterval().toMillis(), metrics, System::currentTimeMillis);
        LOG.info("Outbox task started for tables {}{}{}", tables,
                transactionContext != null ? " (Kafka transactions end only where source transactions end)" : "",
                config.publicationAuthority().isPresent() ? ", publication checked against the migration plan (violations: "
                        + config.publisherViolationPolicy() + ")" : "");
    }

    private void checkTables(Map<TableName, OutboxQueries> queries) {
        List<String> problems = new ArrayList<>();
        try {
            Connection connection = session.connection();
            for (OutboxQueries tableQueries : queries.values()) {
                problems.addAll(TableLayoutCheck.problems(connection, tableQueries, config.markColumn()));
            }
        } catch (SQLException e) {
            session.invalidate();
            // The database may be briefly unreachable; polling retries and reports the failure then.
            LOG.warn("Could not check the outbox tables at start ({}); polling will retry", e.getMessage());
            return;
        }
        if (!problems.isEmpty()) {
            session.close();
            throw new ConnectException("The outbox tables do not match the configuration: " + String.join("; ", problems));
        }
    }

    private Map<TableName, Optional<OutboxPosition>> loadPositions(List<TableName> tables) {
        List<Map<String, String>> tablePartitions = new ArrayList<>();
        for (TableName table : tables) {
            tablePartitions.add(OutboxOffsets.partition(table));
        }
        this.partitions = tablePartitions;
        Map<Map<String, String>, Map<String, Object>> stored = context.offsetStorageReader().offsets(tablePartitions);
        Map<TableName, Optional<OutboxPosition>> positions = new HashMap<>();
        for (TableName table : tables) {
            Map<String, Object> offset = stored == null ? null : stored.get(OutboxOffsets.partition(table));
            try {
                Optional<OutboxPosition> position = OutboxOffsets.positionOf(offset);
                positions.put(table, position);
                LOG.info("Outbox table {} resumes {}", table, position.map(p -> "after " + p).orElse("from its first row"));
            } catch (IllegalArgumentException e) {
                throw new ConnectException("Stored offset for outbox table " + table + " is invalid: " + e.getMessage()
                        + ". Correct or reset it with PATCH/DELETE /connectors/{name}/offsets.");
            }
        }
        return positions;
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        PolledBatch batch;
        try {
            batch = poller.poll();
        } catch (SQLException e) {
            if (stopping) {
                return null;
            }
            session.invalidate();
            metrics.pollError();
            LOG.warn("Reading the outbox failed; retrying in {} ms: {}", config.pollInterval().toMillis(), e.getMessage());
            retryWait.await(config.pollInterval().toMillis());
            throw new RetriableException("Reading the outbox failed", e);
        }
        if (transactionContext != null) {
            // One Kafka transaction per poll at most (each commit costs a round of transaction markers), cut at the
            // last complete source transaction: a database transaction is never split between Kafka transactions.
            if (!batch.transactionEnds().isEmpty()) {
                transactionContext.commitTransaction(batch.transactionEnds().get(batch.transactionEnds().size() - 1));
            } else if (batch.earlierTransactionEnded()) {
                transactionContext.commitTransaction();
            }
        }
        if (!batch.isEmpty() || batch.earlierTransactionEnded()) {
            idleBackoff.eventsFound();
        }
        if (!batch.isEmpty()) {
            return batch.records();
        }
        waitWhileIdle();
        return null;
    }

    private void waitWhileIdle() throws InterruptedException {
        if (stopping) {
            return;
        }
        try {
            idleWait.await(idleBackoff.nextWaitMillis());
        } catch (SQLException e) {
            // The next poll reconnects and reports a lasting failure.
            session.invalidate();
            LOG.debug("Waiting for an outbox notification failed", e);
        }
    }

    /** Counts events Kafka acknowledged; under exactly-once this is called after the transaction commits. */
    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
        if (metadata == null || errorTopic.filter(record.topic()::equals).isPresent() || publicationGuard.isViolationTopic(record.topic())) {
            return; // dropped by a transformation, or a bad row or an authority violation sent to its topic
        }
        metrics.eventPublished(OutboxOffsets.tableOf(record.sourcePartition()));
    }

    /**
     * Called after the worker committed offsets (the offset flush, or the Kafka transaction under exactly-once).
     * The committed positions are read back from the offset store rather than taken from acknowledged records: an
     * acknowledged record's offset may not be flushed yet, and housekeeping must never remove a row that a restart
     * could still need.
     */
    @Override
    public void commit() {
        if (poller == null || config.housekeepingMode() == HousekeepingMode.LEAVE) {
            return;
        }
        // Under exactly-once this runs after every transaction; reading the offset store each time would slow
        // every batch, and housekeeping only runs once per interval anyway.
        long now = System.currentTimeMillis();
        if (now - committedOffsetsReadAt < config.housekeepingInterval().toMillis()) {
            return;
        }
        committedOffsetsReadAt = now;
        try {
            Map<Map<String, String>, Map<String, Object>> stored = context.offsetStorageReader().offsets(partitions);
            Map<TableName, OutboxPosition> committed = new HashMap<>();
            stored.forEach((partition, offset) -> OutboxOffsets.positionOf(offset)
                    .ifPresent(position -> committed.put(OutboxOffsets.tableOf(partition), position)));
            poller.offsetsCommitted(committed);
        } catch (RuntimeException e) {
            // Housekeeping only waits for the next commit; publication is unaffected.
            LOG.warn("Could not read committed outbox offsets for housekeeping: {}", e.getMessage());
        }
    }

    @Override
    public void stop() {
        stopping = true;
        if (idleWait != null) {
            idleWait.wakeUp();
        }
        retryWait.wakeUp();
        if (session != null) {
            session.close();
        }
        if (metrics != null) {
            metrics.recorder().close();
        }
        LOG.info("Outbox task stopped");
    }
}
