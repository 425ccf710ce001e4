package dev.strangler.connect.bench.reconcile;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.strangler.connect.reconcile.ReconcileSinkTask;
import dev.strangler.connect.reconcile.compare.Outcome;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;

/**
 * The streaming comparison as the worker runs it, minus Kafka: the real {@link ReconcileSinkTask}, started from
 * connector configuration, is handed {@code put()} batches of {@link SinkRecord}s as its consumer would deliver them
 * after conversion. What is measured is the sink's own work per record: reading the record, the batched lookup of
 * counterparts, the comparison under the rules and the pending-state writes, with every SQL round trip.
 */
final class StreamComparison implements AutoCloseable {

    static final String TOPIC = "legacy.policy";
    static final String CONNECTOR = "bench-reconcile";

    static final Schema VALUE_SCHEMA = SchemaBuilder.struct().name("legacy.policy.Value")
            .field("policy_id", Schema.INT64_SCHEMA)
            .field("holder", Schema.OPTIONAL_STRING_SCHEMA)
            .field("premium", Decimal.builder(2).optional().build())
            .field("rate", Schema.OPTIONAL_FLOAT64_SCHEMA)
            .field("status", Schema.OPTIONAL_STRING_SCHEMA)
            .field("updated_at", Timestamp.builder().optional().build())
            .build();

    private final ReconcileSinkTask task = new ReconcileSinkTask();
    private final Metrics metrics = new Metrics();

    StreamComparison(Map<String, String> config) {
        task.initialize(new InProcessContext(config, new PluginMetricsImpl(metrics, Map.of("connector", CONNECTOR, "task", "0"))));
        task.start(config);
    }

    void put(List<SinkRecord> batch) {
        task.put(batch);
    }

    @Override
    public void close() {
        task.stop();
        metrics.close();
    }

    /** The source table's rows as the events that carried them: one record per row, in key order (not timed). */
    static List<SinkRecord> records(Connection connection) throws SQLException {
        List<SinkRecord> records = new ArrayList<>();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false); // a cursor, not the whole table in one result
        try (Statement statement = connection.createStatement()) {
            statement.setFetchSize(10_000);
            try (ResultSet rs = statement.executeQuery(
                    "SELECT policy_id, holder, premium, rate, status, updated_at FROM legacy.policy ORDER BY policy_id")) {
                long offset = 0;
                while (rs.next()) {
                    long id = rs.getLong(1);
                    double rate = rs.getDouble(4);
                    LocalDateTime updatedAt = rs.getObject(6, LocalDateTime.class);
                    Struct value = new Struct(VALUE_SCHEMA)
                            .put("policy_id", id)
                            .put("holder", rs.getString(2))
                            .put("premium", rs.getBigDecimal(3))
                            .put("rate", rs.wasNull() ? null : rate)
                            .put("status", rs.getString(5))
                            .put("updated_at", updatedAt == null ? null : Date.from(updatedAt.toInstant(ZoneOffset.UTC)));
                    records.add(new SinkRecord(TOPIC, 0, Schema.INT64_SCHEMA, id, VALUE_SCHEMA, value, offset++));
                }
            }
        } finally {
            connection.commit();
            connection.setAutoCommit(autoCommit);
        }
        return records;
    }

    /** What the stream left pending (the grace period is longer than the run, so nothing is confirmed yet). */
    static Map<Long, Outcome> pending(Connection connection) throws SQLException {
        Map<Long, Outcome> pending = new TreeMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT row_key, outcome FROM reconcile_pending WHERE connector = ?")) {
            statement.setString(1, CONNECTOR);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String outcome = rs.getString(2).toUpperCase(Locale.ROOT).replace('-', '_');
                    pending.put(Long.parseLong(rs.getString(1)), Outcome.valueOf(outcome));
                }
            }
        }
        return pending;
    }

    /**
     * What a worker gives a sink task, for a task that is fed from memory: its configuration, plugin metrics and one
     * assigned partition. Offsets, pauses and commit requests concern the consumer, which is not there.
     */
    private record InProcessContext(Map<String, String> configs, PluginMetrics pluginMetrics) implements SinkTaskContext {

        @Override
        public void offset(Map<TopicPartition, Long> offsets) {
        }

        @Override
        public void offset(TopicPartition tp, long offset) {
        }

        @Override
        public void timeout(long timeoutMs) {
        }

        @Override
        public Set<TopicPartition> assignment() {
            return Set.of(new TopicPartition(TOPIC, 0));
        }

        @Override
        public void pause(TopicPartition... partitions) {
        }

        @Override
        public void resume(TopicPartition... partitions) {
        }

        @Override
        public void requestCommit() {
        }
    }
}
