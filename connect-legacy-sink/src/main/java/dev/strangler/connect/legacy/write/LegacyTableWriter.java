package dev.strangler.connect.legacy.write;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.strangler.connect.core.origin.OriginMarker;
import dev.strangler.connect.core.sql.DmlStatement;
import dev.strangler.connect.core.sql.PostgresDialect;
import dev.strangler.connect.core.sql.SqlDialect;
import dev.strangler.connect.core.sql.SqlFailure;
import dev.strangler.connect.core.sql.SqlFailureClassifier;
import dev.strangler.connect.core.sql.SqlIdentifier;
import dev.strangler.connect.core.sql.TableName;
import dev.strangler.connect.core.sql.WriteStatements;
import dev.strangler.connect.legacy.write.BatchPlanner.BatchPlan;
import dev.strangler.connect.legacy.write.BatchPlanner.PendingWrite;
import dev.strangler.connect.legacy.write.BatchPlanner.StatementGroup;

/**
 * Writes the rows of one put batch into the legacy database in one transaction, so every event's tables (header
 * and details) change together and a batch is either committed or not at all.
 *
 * <p>When the database refuses a row (constraint, bad value), the transaction is rolled back and the batch is
 * written again event by event, each inside a savepoint: the events whose rows are refused are returned as
 * rejected (for the dead-letter path) and the others are committed. A transient failure (connection lost,
 * serialization failure, deadlock) rolls everything back, drops the connection and is thrown for a retry of the
 * same batch; nothing of it was committed, so the consumer offsets may not advance either.
 *
 * <p>Not thread-safe: one writer per task.
 */
public final class LegacyTableWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LegacyTableWriter.class);

    /**
     * The transaction-local setting a legacy trigger can read to recognise the sink's writes (see
     * {@code dev.strangler.connect.core.origin}): set at the start of every transaction on PostgreSQL.
     */
    static final String ORIGIN_SETTING = OriginMarker.POSTGRES_SESSION_SETTING;

    private static final String SET_ORIGIN_SETTING = "SELECT set_config('" + ORIGIN_SETTING + "', ?, true)";

    /** Opens a connection to the legacy database. */
    @FunctionalInterface
    public interface ConnectionFactory {
        Connection open() throws SQLException;
    }

    /**
     * @param rejected     events (by index in the batch) whose rows the database refused, with its reason
     * @param rowsApplied  rows the database changed
     * @param staleSkips   writes that changed nothing (stale in the batch or refused by the guard)
     */
    public record BatchResult(Map<Integer, SQLException> rejected, long rowsApplied, long staleSkips) {
    }

    private final ConnectionFactory connections;
    private final SqlDialect dialect;
    private final WriteStatements statements;
    private final ParameterBinder binder;
    private final OriginMarker originMarker;
    private final WriteMetrics metrics;
    /**
     * Multi-row statement texts by shape, kind and row count: a few per table (chunk sizes are powers of two). Built
     * once, they are also the same String instances every batch, so the driver's statement cache finds them by a
     * cached hash instead of hashing and comparing a 500-row text per batch.
     */
    private final Map<MultiRowKey, DmlStatement> multiRowStatements = new java.util.HashMap<>();
    /** The multi-row statements prefixed with the origin setting, by statement (the cached instances above). */
    private final Map<DmlStatement, String> originSettingThenStatement = new java.util.IdentityHashMap<>();
    private Connection connection;
    /**
     * The transaction has not set the origin setting yet (PostgreSQL). It is set by the transaction's first
     * statement: sent ahead of a multi-row write in the same round trip, or alone before any other kind of write.
     */
    private boolean originSettingPending;

    private record MultiRowKey(dev.strangler.connect.core.sql.WriteShape shape, boolean insertIfAbsent, int rows) {
    }

    public LegacyTableWriter(ConnectionFactory connections, SqlDialect dialect, OriginMarker originMarker, WriteMetrics metrics) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.statements = WriteStatements.forDialect(dialect);
        this.binder = new ParameterBinder(dialect);
        this.originMarker = Objects.requireNonNull(originMarker, "originMarker");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * Writes the rows of a batch; {@code events.get(i)} are the rows of the batch's i-th event, in mapping order.
     *
     * @param isolateBadRows whether a refused row may be set aside (there is a dead-letter path); when false a
     *                       refused row fails the whole batch with {@link SqlFailure#BAD_ROW} and nothing commits
     * @throws LegacyWriteException when nothing was committed: transient (retry), fatal, or a bad row that may not
     *                              be set aside
     */
    public BatchResult write(List<List<RowWrite>> events, boolean isolateBadRows) throws LegacyWriteException {
        return write(events, plan(events), isolateBadRows);
    }

    /**
     * The database-free part of writing a batch: the statements it takes ({@link BatchPlanner}). Pure, so the task
     * plans a batch while the previous one is being written, and the writer's turn is only the database's.
     */
    public static BatchPlan plan(List<List<RowWrite>> events) {
        List<PendingWrite> pending = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            for (RowWrite row : events.get(i)) {
                pending.add(new PendingWrite(i, row));
            }
        }
        return BatchPlanner.plan(pending);
    }

    /**
     * {@link #write(List, boolean)} with the batch's {@link #plan} made beforehand.
     *
     * @param plan {@code plan(events)}
     */
    public BatchResult write(List<List<RowWrite>> events, BatchPlan plan, boolean isolateBadRows) throws LegacyWriteException {
        if (plan.groups().isEmpty() && plan.stale().isEmpty() && plan.superseded().isEmpty()) {
            return new BatchResult(Map.of(), 0, 0);
        }
        Connection c = connection();
        Counts counts = new Counts();
        try {
            begin();
            Set<StaleSet> staleSets = staleSets(plan);
            for (StatementGroup group : plan.groups()) {
                execute(c, group, counts, staleSets);
            }
            c.commit();
        } catch (SQLException e) {
            rollbackQuietly(c);
            SqlFailure failure = SqlFailureClassifier.classify(e);
            if (failure != SqlFailure.BAD_ROW || !isolateBadRows) {
                throw failed(failure, "writing a batch of " + plan.rowCount() + " rows", e);
            }
            LOG.info("The legacy database refused a row (SQLSTATE {}); writing the batch's {} events one by one to set the bad ones aside",
                    SqlFailureClassifier.sqlState(e), events.size());
            return isolate(c, events);
        }
        counts.addPlanned(plan);
        counts.publish(metrics);
        LOG.debug("Wrote {} rows in {} statement groups ({} stale)", counts.applied(), plan.groups().size(), counts.stale());
        return new BatchResult(Map.of(), counts.applied(), counts.stale());
    }

    /** Writes event by event, each in a savepoint, setting aside the events whose rows the database refuses. */
    private BatchResult isolate(Connection c, List<List<RowWrite>> events) throws LegacyWriteException {
        Map<Integer, SQLException> rejected = new LinkedHashMap<>();
        Counts counts = new Counts();
        try {
            begin();
            // Before the first savepoint: rolling back to a savepoint would take a setting made after it along.
            setOriginSettingAlone(c);
            for (int i = 0; i < events.size(); i++) {
                if (events.get(i).isEmpty()) {
                    continue;
                }
                List<PendingWrite> pending = new ArrayList<>();
                for (RowWrite row : events.get(i)) {
                    pending.add(new PendingWrite(i, row));
                }
                BatchPlan plan = BatchPlanner.plan(pending);
                Counts eventCounts = new Counts();
                Savepoint savepoint = c.setSavepoint();
                try {
                    Set<StaleSet> staleSets = staleSets(plan);
                    for (StatementGroup group : plan.groups()) {
                        execute(c, group, eventCounts, staleSets);
                    }
                    if (dialect instanceof PostgresDialect) {
                        c.releaseSavepoint(savepoint); // Oracle has no RELEASE SAVEPOINT
                    }
                    eventCounts.addPlanned(plan);
                    counts.add(eventCounts);
                } catch (SQLException e) {
                    if (SqlFailureClassifier.classify(e) != SqlFailure.BAD_ROW) {
                        throw e;
                    }
                    c.rollback(savepoint);
                    rejected.put(i, e);
                }
            }
            c.commit();
        } catch (SQLException e) {
            rollbackQuietly(c);
            SqlFailure failure = SqlFailureClassifier.classify(e);
            throw failed(failure == SqlFailure.BAD_ROW ? SqlFailure.FATAL : failure, "isolating refused rows", e);
        }
        counts.publish(metrics);
        return new BatchResult(Map.copyOf(rejected), counts.applied(), counts.stale());
    }

    /**
     * A set of detail rows that an event replaces but that already holds a newer version: the event is stale for
     * it, so neither its clearing delete nor its rows may apply (its rows would bring back rows a newer event
     * removed, which have no version left to guard them).
     */
    private record StaleSet(int event, TableName table, List<Object> setKey) {
    }

    /** Sets whose clearing the planner dropped as older than another clearing of the same set in the batch. */
    private static Set<StaleSet> staleSets(BatchPlan plan) {
        Set<StaleSet> stale = new HashSet<>();
        for (PendingWrite dropped : plan.stale()) {
            if (dropped.write().mode() == WriteMode.CLEAR_OLDER_ROWS) {
                stale.add(new StaleSet(dropped.event(), dropped.write().shape().table(), dropped.write().key()));
            }
        }
        return stale;
    }

    private void execute(Connection c, StatementGroup group, Counts counts, Set<StaleSet> staleSets) throws SQLException {
        TableName table = group.shape().table();
        List<RowWrite> rows = new ArrayList<>(group.writes().size());
        for (PendingWrite pending : group.writes()) {
            RowWrite write = pending.write();
            if (!write.rowSetColumns().isEmpty() && staleSets.contains(new StaleSet(pending.event(), table, write.rowSetKey()))) {
                counts.stale(table);
            } else {
                rows.add(write);
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        switch (group.mode()) {
            case INSERT -> counts.applied(table, group.mode(), rows.size(), executeMultiRow(c, group, rows, true));
            case UPSERT -> counts.applied(table, group.mode(), rows.size(), executeMultiRow(c, group, rows, false));
            case UPDATE_ONLY, SOFT_DELETE -> {
                setOriginSettingAlone(c);
                counts.applied(table, group.mode(), rows.size(), executeBatch(c, statements.update(group.shape()), rows));
            }
            case DELETE -> {
                setOriginSettingAlone(c);
                executeBatch(c, statements.markBeforeDelete(group.shape(), originMarker.column()), rows);
                counts.applied(table, group.mode(), rows.size(), executeBatch(c, statements.delete(group.shape()), rows));
            }
            case CLEAR_OLDER_ROWS -> {
                setOriginSettingAlone(c);
                List<RowWrite> current = group.shape().guarded() ? currentSets(c, group, staleSets, counts) : rows;
                if (!current.isEmpty()) {
                    // Each write may remove any number of rows, none being the normal case: no stale skips here.
                    executeBatch(c, statements.markBeforeDelete(group.shape(), originMarker.column()), current);
                    long removed = executeBatch(c, statements.delete(group.shape()), current);
                    counts.applied(table, group.mode(), removed, removed);
                }
            }
        }
    }

    /**
     * The clearing writes whose set holds no newer row; the others mark their event stale for the set. One query
     * per replaced set: the price of {@code replaceRows}, paid only by tables that use it.
     */
    private List<RowWrite> currentSets(Connection c, StatementGroup group, Set<StaleSet> staleSets, Counts counts) throws SQLException {
        DmlStatement query = statements.selectNewer(group.shape());
        List<RowWrite> current = new ArrayList<>(group.writes().size());
        try (PreparedStatement prepared = c.prepareStatement(query.sql())) {
            for (PendingWrite pending : group.writes()) {
                int index = 1;
                for (SqlIdentifier column : query.rowParameters()) {
                    binder.bind(prepared, index++, pending.write().value(column));
                }
                boolean newerExists;
                try (ResultSet result = prepared.executeQuery()) {
                    newerExists = result.next();
                }
                if (newerExists) {
                    staleSets.add(new StaleSet(pending.event(), group.shape().table(), pending.write().key()));
                    counts.stale(group.shape().table());
                } else {
                    current.add(pending.write());
                }
            }
        }
        return current;
    }

    /**
     * Inserts or upserts in statements of up to the dialect's rows per statement. Chunk sizes are the maximum and
     * powers of two below it, so a handful of distinct statement texts serve every batch size (and stay in the
     * driver's statement cache).
     */
    private long executeMultiRow(Connection c, StatementGroup group, List<RowWrite> rows, boolean insertIfAbsent) throws SQLException {
        int max = statements.maxRowsPerStatement(group.shape());
        Map<Integer, List<List<RowWrite>>> chunksBySize = new LinkedHashMap<>();
        int offset = 0;
        while (offset < rows.size()) {
            int remaining = rows.size() - offset;
            int size = remaining >= max ? max : Integer.highestOneBit(remaining);
            chunksBySize.computeIfAbsent(size, s -> new ArrayList<>()).add(rows.subList(offset, offset + size));
            offset += size;
        }
        long applied = 0;
        for (Map.Entry<Integer, List<List<RowWrite>>> chunksOfSize : chunksBySize.entrySet()) {
            DmlStatement statement = multiRowStatements.computeIfAbsent(new MultiRowKey(group.shape(), insertIfAbsent, chunksOfSize.getKey()),
                    key -> key.insertIfAbsent()
                            ? statements.insertIfAbsent(key.shape(), key.rows())
                            : statements.upsert(key.shape(), key.rows()));
            List<List<RowWrite>> chunks = chunksOfSize.getValue();
            if (originSettingPending) {
                applied += executeAfterOriginSetting(c, statement, chunks.get(0));
                chunks = chunks.subList(1, chunks.size());
                if (chunks.isEmpty()) {
                    continue;
                }
            }
            try (PreparedStatement prepared = c.prepareStatement(statement.sql())) {
                for (List<RowWrite> chunk : chunks) {
                    int index = 1;
                    for (RowWrite row : chunk) {
                        for (SqlIdentifier column : statement.rowParameters()) {
                            binder.bind(prepared, index++, row.value(column));
                        }
                    }
                    prepared.addBatch();
                }
                applied += affected(prepared.executeBatch(), statement.rows());
            }
        }
        return applied;
    }

    /**
     * Sets the origin setting and writes one chunk in one round trip: the driver sends both statements of the
     * text before it reads a reply, and the server runs them in order in this transaction. A separate
     * {@code set_config} costs a round trip per batch, which measured a fifth of the sink's time (BENCHMARKS.md,
     * legacy).
     */
    private long executeAfterOriginSetting(Connection c, DmlStatement statement, List<RowWrite> chunk) throws SQLException {
        String sql = originSettingThenStatement.computeIfAbsent(statement, s -> SET_ORIGIN_SETTING + ";\n" + s.sql());
        try (PreparedStatement prepared = c.prepareStatement(sql)) {
            prepared.setString(1, originMarker.value());
            int index = 2;
            for (RowWrite row : chunk) {
                for (SqlIdentifier column : statement.rowParameters()) {
                    binder.bind(prepared, index++, row.value(column));
                }
            }
            prepared.execute(); // the first result is the setting's row
            originSettingPending = false;
            if (prepared.getMoreResults()) {
                throw new SQLException("Expected the row count of the write after the origin setting, got a result set");
            }
            return affected(new int[] {prepared.getUpdateCount()}, statement.rows());
        }
    }

    /** The origin setting in a round trip of its own, before a statement that cannot carry it. */
    private void setOriginSettingAlone(Connection c) throws SQLException {
        if (!originSettingPending) {
            return;
        }
        try (PreparedStatement origin = c.prepareStatement(SET_ORIGIN_SETTING)) {
            origin.setString(1, originMarker.value());
            origin.execute();
        }
        originSettingPending = false;
    }

    private long executeBatch(Connection c, DmlStatement statement, List<RowWrite> rows) throws SQLException {
        try (PreparedStatement prepared = c.prepareStatement(statement.sql())) {
            for (RowWrite row : rows) {
                int index = 1;
                for (SqlIdentifier column : statement.rowParameters()) {
                    binder.bind(prepared, index++, row.value(column));
                }
                prepared.addBatch();
            }
            return affected(prepared.executeBatch(), 1);
        }
    }

    /** Rows changed; a driver that cannot tell ({@code SUCCESS_NO_INFO}) is taken to have changed every row. */
    private static long affected(int[] counts, int rowsPerExecution) {
        long total = 0;
        for (int count : counts) {
            total += count == Statement.SUCCESS_NO_INFO ? rowsPerExecution : Math.max(0, count);
        }
        return total;
    }

    /** A transaction starts with the driver's first statement; on PostgreSQL that statement sets the origin setting. */
    private void begin() {
        originSettingPending = dialect instanceof PostgresDialect;
    }

    private Connection connection() throws LegacyWriteException {
        if (connection == null) {
            try {
                Connection opened = connections.open();
                opened.setAutoCommit(false);
                connection = opened;
            } catch (SQLException e) {
                throw failed(SqlFailureClassifier.classify(e), "connecting to the legacy database", e);
            }
        }
        return connection;
    }

    private LegacyWriteException failed(SqlFailure failure, String what, SQLException e) {
        if (failure == SqlFailure.TRANSIENT) {
            close(); // the connection may be broken; the retry opens a fresh one
        }
        return new LegacyWriteException(failure, failure.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                + " failure " + what + ": " + summary(e), e);
    }

    /** A one-line reason without row values (see {@link SqlFailureClassifier#summary}). */
    public static String summary(SQLException e) {
        return SqlFailureClassifier.summary(e);
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Rollback failed after a write failure; the connection is dropped if the failure was transient", e);
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("Closing the legacy database connection failed", e);
            }
            connection = null;
        }
    }

    /** Rows applied and skipped, per table and mode, published only once their transaction committed. */
    private static final class Counts {
        private final Map<TableName, Map<WriteMode, Long>> applied = new LinkedHashMap<>();
        private final Map<TableName, Long> stale = new LinkedHashMap<>();
        private final Map<TableName, Long> coalesced = new LinkedHashMap<>();

        void applied(TableName table, WriteMode mode, long attempted, long changed) {
            applied.computeIfAbsent(table, t -> new LinkedHashMap<>()).merge(mode, changed, Long::sum);
            if (attempted > changed) {
                stale.merge(table, attempted - changed, Long::sum);
            }
        }

        void stale(TableName table) {
            stale.merge(table, 1L, Long::sum);
        }

        void addPlanned(BatchPlan plan) {
            plan.stale().forEach(w -> stale.merge(w.write().shape().table(), 1L, Long::sum));
            plan.superseded().forEach(w -> coalesced.merge(w.write().shape().table(), 1L, Long::sum));
        }

        void add(Counts other) {
            other.applied.forEach((table, modes) -> modes.forEach((mode, n) ->
                    applied.computeIfAbsent(table, t -> new LinkedHashMap<>()).merge(mode, n, Long::sum)));
            other.stale.forEach((table, n) -> stale.merge(table, n, Long::sum));
            other.coalesced.forEach((table, n) -> coalesced.merge(table, n, Long::sum));
        }

        long applied() {
            return applied.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
        }

        long stale() {
            return stale.values().stream().mapToLong(Long::longValue).sum();
        }

        void publish(WriteMetrics metrics) {
            applied.forEach((table, modes) -> modes.forEach((mode, n) -> metrics.rowsWritten(table, mode, n)));
            stale.forEach(metrics::staleSkips);
            coalesced.forEach(metrics::coalesced);
        }
    }
}
