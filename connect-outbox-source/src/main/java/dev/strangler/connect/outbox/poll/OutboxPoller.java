package dev.strangler.connect.outbox.poll;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.strangler.connect.core.sql.TableName;
import dev.strangler.connect.outbox.housekeeping.Housekeeper;
import dev.strangler.connect.outbox.metrics.OutboxMetrics;
import dev.strangler.connect.outbox.model.OutboxBatch;
import dev.strangler.connect.outbox.model.OutboxPosition;
import dev.strangler.connect.outbox.model.OutboxRow;
import dev.strangler.connect.outbox.plan.PublicationGuard;
import dev.strangler.connect.outbox.shape.BadRowException;
import dev.strangler.connect.outbox.shape.BadRowPolicy;
import dev.strangler.connect.outbox.shape.OutboxEventShaper;

/**
 * The task's logic without Connect: reads the next batch of final rows from one of its tables, turns them into
 * records, applies the bad-row policy, marks where source transactions end, and runs housekeeping for positions
 * whose offsets are committed. {@code OutboxSourceTask} only wires it to the worker.
 *
 * <p>One poll serves one table. Tables take turns, except that a table whose last batch stopped inside a source
 * transaction is read again first: a Kafka transaction then never mixes half a source transaction of one table
 * with another table's records.
 *
 * <p>The poller keeps its own position per table, which runs ahead of the committed offset: skipped bad rows move
 * it on although they produce no record, so the next poll does not read them again. After a restart the task
 * starts from the committed offset, and rows skipped after it are skipped (and counted) again.
 */
public final class OutboxPoller {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxPoller.class);

    /** How often the lag query runs per table at most. */
    static final long LAG_INTERVAL_MILLIS = 1_000;

    private final List<TableName> tables;
    private final OutboxReader reader;
    private final OutboxEventShaper shaper;
    private final PublicationGuard publicationGuard;
    private final BadRowPolicy badRowPolicy;
    private final int batchSize;
    private final Housekeeper housekeeper;
    private final long housekeepingIntervalMillis;
    private final OutboxMetrics metrics;
    private final LongSupplier clockMillis;

    private final Map<TableName, Optional<OutboxPosition>> positions = new HashMap<>();
    private final Map<TableName, Long> lagMeasuredAt = new HashMap<>();
    /** Positions whose offsets the worker committed; written by the offset-commit thread, read by the poll thread. */
    private final Map<TableName, OutboxPosition> committed = new ConcurrentHashMap<>();
    private long lastHousekeepingMillis;
    private int nextTable;
    /** The table whose last batch ended inside a source transaction; it is read next. */
    private Optional<TableName> unfinishedTransactionTable = Optional.empty();
    /** Whether records were emitted since the last transaction end (a Kafka transaction is open for them). */
    private boolean recordsSinceTransactionEnd;

    public OutboxPoller(List<TableName> tables, Map<TableName, Optional<OutboxPosition>> startPositions, OutboxReader reader,
                        OutboxEventShaper shaper, PublicationGuard publicationGuard, BadRowPolicy badRowPolicy, int batchSize, Housekeeper housekeeper,
                        long housekeepingIntervalMillis, OutboxMetrics metrics, LongSupplier clockMillis) {
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("a poller needs at least one table");
        }
        this.tables = List.copyOf(tables);
        this.reader = reader;
        this.shaper = shaper;
        this.publicationGuard = publicationGuard;
        this.badRowPolicy = badRowPolicy;
        this.batchSize = batchSize;
        this.housekeeper = housekeeper;
        this.housekeepingIntervalMillis = housekeepingIntervalMillis;
        this.metrics = metrics;
        this.clockMillis = clockMillis;
        for (TableName table : tables) {
            positions.put(table, startPositions.getOrDefault(table, Optional.empty()));
        }
        this.lastHousekeepingMillis = clockMillis.getAsLong();
    }

    /**
     * Reads and shapes the next batch; empty when every table is drained.
     *
     * @throws SQLException when the database fails (the caller reconnects and retries; positions are unchanged)
     * @throws ConnectException when a bad row meets the {@code fail} policy
     */
    public PolledBatch poll() throws SQLException {
        housekeepIfDue();
        for (int attempt = 0; attempt < tables.size(); attempt++) {
            TableName table = unfinishedTransactionTable.orElseGet(() -> tables.get(nextTable));
            if (unfinishedTransactionTable.isEmpty()) {
                nextTable = (nextTable + 1) % tables.size();
            }
            PolledBatch batch = pollTable(table);
            if (!batch.isEmpty() || batch.earlierTransactionEnded()) {
                return batch;
            }
        }
        return PolledBatch.empty();
    }

    /** The worker committed offsets up to these positions (called after {@code SourceTask.commit()}). */
    public void offsetsCommitted(Map<TableName, OutboxPosition> committedPositions) {
        committedPositions.forEach((table, position) -> {
            if (positions.containsKey(table)) {
                committed.put(table, position);
            }
        });
    }

    public Map<TableName, Optional<OutboxPosition>> positions() {
        return new LinkedHashMap<>(positions);
    }

    public List<TableName> tables() {
        return tables;
    }

    private PolledBatch pollTable(TableName table) throws SQLException {
        Optional<OutboxPosition> after = positions.get(table);
        long start = System.nanoTime();
        OutboxBatch batch = reader.read(table, after, batchSize);
        metrics.batchRead(table, batch.rows().size(), start);
        measureLagIfDue(table, batch);
        if (batch.isEmpty()) {
            unfinishedTransactionTable = Optional.empty();
            return PolledBatch.empty();
        }

        List<SourceRecord> records = new ArrayList<>(batch.rows().size());
        List<SourceRecord> transactionEnds = new ArrayList<>();
        boolean earlierTransactionEnded = false;
        List<OutboxRow> rows = batch.rows();
        for (int i = 0; i < rows.size(); i++) {
            OutboxRow row = rows.get(i);
            Optional<SourceRecord> record;
            try {
                record = publicationGuard.check(row, shaper.toRecord(row));
            } catch (BadRowException problem) {
                if (badRowPolicy == BadRowPolicy.FAIL && i > 0) {
                    // Publish everything before the bad row; the next poll of this table starts at it and fails.
                    return stopBefore(table, rows, i, records, transactionEnds);
                }
                record = handleBadRow(row, problem);
            }
            record.ifPresent(records::add);
            boolean transactionComplete = i + 1 < rows.size()
                    ? rows.get(i + 1).position().transactionId() != row.position().transactionId()
                    : batch.lastTransactionComplete();
            if (record.isPresent()) {
                recordsSinceTransactionEnd = true;
            }
            if (transactionComplete && recordsSinceTransactionEnd) {
                if (records.isEmpty()) {
                    // Its records went out in an earlier poll; the rest of it were skipped rows.
                    earlierTransactionEnded = true;
                } else {
                    addTransactionEnd(transactionEnds, records.get(records.size() - 1));
                }
                recordsSinceTransactionEnd = false;
            }
        }
        if (!records.isEmpty()) {
            // A later transaction end in this or a following batch commits the earlier transaction's records too.
            earlierTransactionEnded = false;
        }
        positions.put(table, Optional.of(rows.get(rows.size() - 1).position()));
        unfinishedTransactionTable = batch.lastTransactionComplete() ? Optional.empty() : Optional.of(table);
        LOG.debug("Read {} outbox rows from {} ({} records, {} complete source transactions)", rows.size(), table, records.size(),
                transactionEnds.size());
        return new PolledBatch(records, transactionEnds, earlierTransactionEnded);
    }

    private PolledBatch stopBefore(TableName table, List<OutboxRow> rows, int badRow, List<SourceRecord> records,
                                   List<SourceRecord> transactionEnds) {
        OutboxRow last = rows.get(badRow - 1);
        boolean lastTransactionComplete = last.position().transactionId() != rows.get(badRow).position().transactionId();
        if (lastTransactionComplete && recordsSinceTransactionEnd) {
            addTransactionEnd(transactionEnds, records.get(records.size() - 1));
            recordsSinceTransactionEnd = false;
        }
        positions.put(table, Optional.of(last.position()));
        unfinishedTransactionTable = lastTransactionComplete ? Optional.empty() : Optional.of(table);
        return new PolledBatch(records, transactionEnds, false);
    }

    private static void addTransactionEnd(List<SourceRecord> transactionEnds, SourceRecord record) {
        // A skipped row can end a transaction whose last record already ends an earlier one in this batch.
        if (transactionEnds.isEmpty() || transactionEnds.get(transactionEnds.size() - 1) != record) {
            transactionEnds.add(record);
        }
    }

    private Optional<SourceRecord> handleBadRow(OutboxRow row, BadRowException problem) {
        metrics.badRow(row.table(), problem.reason(), badRowPolicy);
        switch (badRowPolicy) {
            case FAIL:
                throw new ConnectException("Outbox row " + row.eventId() + " of " + row.table() + " at position " + row.position()
                        + " cannot be published (" + problem.reason().code() + "): " + problem.getMessage()
                        + ". Fix or delete the row, or set bad.row.policy to skip or error-topic.");
            case SKIP:
                LOG.warn("Skipping outbox row {} of {} at position {} ({}): {}", row.eventId(), row.table(), row.position(),
                        problem.reason().code(), problem.getMessage());
                return Optional.empty();
            case ERROR_TOPIC:
                LOG.warn("Publishing outbox row {} of {} at position {} to the error topic ({}): {}", row.eventId(), row.table(),
                        row.position(), problem.reason().code(), problem.getMessage());
                return Optional.of(shaper.toErrorRecord(row, problem));
            default:
                throw new IllegalStateException("unknown bad row policy " + badRowPolicy);
        }
    }

    private void measureLagIfDue(TableName table, OutboxBatch batch) throws SQLException {
        long now = clockMillis.getAsLong();
        Long last = lagMeasuredAt.get(table);
        if (last != null && now - last < LAG_INTERVAL_MILLIS) {
            return;
        }
        lagMeasuredAt.put(table, now);
        // Lag after this batch: the first row not in it (rows held back by an older open transaction included).
        Optional<OutboxPosition> after = batch.isEmpty() ? positions.get(table) : Optional.of(batch.rows().get(batch.rows().size() - 1).position());
        OptionalLong lag = reader.lagMillis(table, after);
        metrics.lag(table, lag.orElse(-1));
    }

    private void housekeepIfDue() throws SQLException {
        long now = clockMillis.getAsLong();
        if (housekeeper == Housekeeper.LEAVE || now - lastHousekeepingMillis < housekeepingIntervalMillis) {
            return;
        }
        lastHousekeepingMillis = now;
        for (Map.Entry<TableName, OutboxPosition> entry : committed.entrySet()) {
            long rows = housekeeper.clean(entry.getKey(), entry.getValue());
            if (rows > 0) {
                metrics.housekept(entry.getKey(), rows);
                LOG.debug("Housekeeping cleaned {} published rows of {} up to {}", rows, entry.getKey(), entry.getValue());
            }
        }
    }
}
