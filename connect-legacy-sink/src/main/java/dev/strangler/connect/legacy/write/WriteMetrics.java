package dev.strangler.connect.legacy.write;

import java.util.Map;

import dev.strangler.connect.core.metrics.PluginMetricsRecorder;
import dev.strangler.connect.core.sql.TableName;

/**
 * The legacy sink's metrics, published as KIP-877 plugin metrics: rows written per table and mode, stale skips
 * per table, writes coalesced in a batch, retries, dead-lettered records and batch latency.
 */
public final class WriteMetrics {

    private final PluginMetricsRecorder recorder;

    public WriteMetrics(PluginMetricsRecorder recorder) {
        this.recorder = recorder;
    }

    public void rowsWritten(TableName table, WriteMode mode, long rows) {
        if (rows > 0) {
            recorder.counter("rows-written", "Rows the sink changed in a legacy table",
                    Map.of("table", table.toString(), "mode", mode.label())).add(rows);
        }
    }

    /** Writes that changed nothing: older than or equal to the stored version, or no row to update or delete. */
    public void staleSkips(TableName table, long rows) {
        if (rows > 0) {
            recorder.counter("stale-skips", "Writes skipped because the row already held the same or a newer version "
                    + "(or, for update-only and delete, because no row matched)", Map.of("table", table.toString())).add(rows);
        }
    }

    /** Writes dropped inside a batch because a later write of the same row overwrote them. */
    public void coalesced(TableName table, long rows) {
        if (rows > 0) {
            recorder.counter("coalesced-writes", "Writes replaced inside a batch by a newer write of the same row",
                    Map.of("table", table.toString())).add(rows);
        }
    }

    public void batchWritten(long startNanos) {
        recorder.timer("batch-latency", "Time to write one put batch to the legacy database").recordNanosSince(startNanos);
    }

    public void retried() {
        recorder.counter("retries", "Put batches retried after a transient database error").increment();
    }

    public void deadLettered(String reason) {
        recorder.counter("dead-lettered-records", "Records sent to the errant record reporter (dead-letter queue)",
                Map.of("reason", reason)).increment();
    }

    public void skipped(String reason) {
        recorder.counter("skipped-events", "Events that write nothing by design", Map.of("reason", reason)).increment();
    }

    public PluginMetricsRecorder recorder() {
        return recorder;
    }
}
