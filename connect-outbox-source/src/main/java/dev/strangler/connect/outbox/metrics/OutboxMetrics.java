package dev.strangler.connect.outbox.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.strangler.connect.core.metrics.PluginMetricsRecorder;
import dev.strangler.connect.core.sql.TableName;
import dev.strangler.connect.outbox.plan.PublisherViolationPolicy;
import dev.strangler.connect.outbox.shape.BadRowPolicy;
import dev.strangler.connect.outbox.shape.BadRowReason;
import dev.strangler.connect.core.config.EnumValidator;

/**
 * The outbox connector's metrics, published per task through KIP-877 plugin metrics and tagged by table:
 * {@code events-published-total/-rate}, {@code lag-ms} (age of the oldest unpublished row; NaN without a timestamp
 * column), {@code poll-duration-avg/-max}, {@code batch-size} (rows in the last batch) and {@code rows-read-total},
 * {@code bad-rows-total} (tagged by reason and policy), {@code poll-errors-total}, {@code housekeeping-rows-total}
 * , {@code malformed-trace-context-total} and {@code publisher-violations-total} (events of scopes the migration plan gives
 * to legacy as publisher, tagged by table, scope and policy).
 */
public final class OutboxMetrics {

    private final PluginMetricsRecorder recorder;
    private final Map<TableName, AtomicLong> lagMillis = new ConcurrentHashMap<>();
    private final Map<TableName, AtomicLong> batchSizes = new ConcurrentHashMap<>();

    public OutboxMetrics(PluginMetricsRecorder recorder) {
        this.recorder = recorder;
    }

    public PluginMetricsRecorder recorder() {
        return recorder;
    }

    public void eventPublished(TableName table) {
        recorder.counter("events-published", "Outbox events acknowledged by Kafka", tags(table)).increment();
    }

    public void batchRead(TableName table, int rows, long startNanos) {
        recorder.timer("poll-duration", "Time to read one batch from the outbox table", tags(table)).recordNanosSince(startNanos);
        recorder.counter("rows-read", "Outbox rows read", tags(table)).add(rows);
        batchSizes.computeIfAbsent(table, t -> {
            AtomicLong size = new AtomicLong();
            recorder.gauge("batch-size", "Rows in the last batch read from the outbox table", tags(t), size::get);
            return size;
        }).set(rows);
    }

    /** Records the lag; a negative value means unknown (no timestamp column) and is published as NaN. */
    public void lag(TableName table, long millis) {
        lagMillis.computeIfAbsent(table, t -> {
            AtomicLong lag = new AtomicLong(-1);
            recorder.gauge("lag-ms", "Age of the oldest unpublished outbox row (ms)", tags(t), () -> {
                long current = lag.get();
                return current < 0 ? null : current;
            });
            return lag;
        }).set(millis);
    }

    public void badRow(TableName table, BadRowReason reason, BadRowPolicy policy) {
        recorder.counter("bad-rows", "Outbox rows that could not become events",
                Map.of("table", table.toString(), "reason", reason.code(), "policy", EnumValidator.configValue(policy))).increment();
    }

    public void pollError() {
        recorder.counter("poll-errors", "Failed reads of the outbox (the task retries)").increment();
    }

    public void housekept(TableName table, long rows) {
        recorder.counter("housekeeping-rows", "Published rows deleted or marked by housekeeping", tags(table)).add(rows);
    }

    public void malformedTraceContext() {
        recorder.counter("malformed-trace-context", "Tracing column values that are not a W3C trace context").increment();
    }

    public void publisherViolation(TableName table, String scope, PublisherViolationPolicy policy) {
        recorder.counter("publisher-violations", "Outbox events of scopes the migration plan gives to legacy as publisher",
                Map.of("table", table.toString(), "scope", scope, "policy", EnumValidator.configValue(policy))).increment();
    }

    public long publisherViolations(TableName table, String scope, PublisherViolationPolicy policy) {
        return recorder.counter("publisher-violations", "Outbox events of scopes the migration plan gives to legacy as publisher",
                Map.of("table", table.toString(), "scope", scope, "policy", EnumValidator.configValue(policy))).count();
    }

    public long eventsPublished(TableName table) {
        return recorder.counter("events-published", "Outbox events acknowledged by Kafka", tags(table)).count();
    }

    public long badRows(TableName table, BadRowReason reason, BadRowPolicy policy) {
        return recorder.counter("bad-rows", "Outbox rows that could not become events",
                Map.of("table", table.toString(), "reason", reason.code(), "policy", EnumValidator.configValue(policy))).count();
    }

    private static Map<String, String> tags(TableName table) {
        return Map.of("table", table.toString());
    }
}
