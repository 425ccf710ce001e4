package dev.strangler.connect.acl.quarantine;

import java.util.EnumMap;
import java.util.Map;

import dev.strangler.connect.core.metrics.PluginMetricsRecorder;

import org.apache.kafka.common.metrics.PluginMetrics;

/**
 * The KIP-877 metrics every ACL transform publishes: records in and out, values translated, records quarantined by
 * reason, unknown codes by field, records passed over (already quarantined, or not applicable) and records dropped
 * on purpose (by configuration). Every record counted in is counted once more, as out, quarantined, passed over or
 * dropped, so {@code records-in-total} equals the sum of the other four. Starts detached
 * (counting in memory) and is attached to the worker's {@link PluginMetrics} when Connect hands them over.
 */
public final class TransformMetrics implements AutoCloseable {

    private volatile PluginMetricsRecorder recorder;
    private volatile PluginMetricsRecorder.Counter in;
    private volatile PluginMetricsRecorder.Counter out;
    private volatile PluginMetricsRecorder.Counter translated;
    private volatile PluginMetricsRecorder.Counter passedOver;
    private volatile PluginMetricsRecorder.Counter dropped;
    private volatile Map<RejectReason, PluginMetricsRecorder.Counter> quarantined;

    private TransformMetrics(PluginMetricsRecorder recorder) {
        use(recorder);
    }

    public static TransformMetrics detached() {
        return new TransformMetrics(PluginMetricsRecorder.detached());
    }

    /** Publishes through the worker from now on; counts so far stay with the detached recorder. */
    public void attach(PluginMetrics pluginMetrics) {
        PluginMetricsRecorder previous = recorder;
        use(PluginMetricsRecorder.of(pluginMetrics));
        previous.close();
    }

    private void use(PluginMetricsRecorder newRecorder) {
        Map<RejectReason, PluginMetricsRecorder.Counter> byReason = new EnumMap<>(RejectReason.class);
        for (RejectReason reason : RejectReason.values()) {
            byReason.put(reason, newRecorder.counter("records-quarantined", "Records routed to the quarantine topic",
                    Map.of("reason", reason.label())));
        }
        this.in = newRecorder.counter("records-in", "Records the transform received");
        this.out = newRecorder.counter("records-out", "Records the transform passed on translated");
        this.translated = newRecorder.counter("values-translated", "Field values the transform translated");
        this.passedOver = newRecorder.counter("records-passed-over", "Records passed on untouched (already quarantined or not applicable)");
        this.dropped = newRecorder.counter("records-dropped", "Records dropped because the configuration says so");
        this.quarantined = byReason;
        this.recorder = newRecorder;
    }

    public void recordIn() {
        in.increment();
    }

    public void recordOut() {
        out.increment();
    }

    public void translated(int values) {
        if (values > 0) {
            translated.add(values);
        }
    }

    public void passedOver() {
        passedOver.increment();
    }

    public void dropped() {
        dropped.increment();
    }

    public void quarantined(RejectReason reason) {
        quarantined.get(reason).increment();
    }

    /** Counts a legacy code the mapping of {@code field} does not list, whatever the policy did with it. */
    public void unknownCode(String field) {
        recorder.counter("unknown-codes", "Legacy codes not listed in the mapping table", Map.of("field", field)).increment();
    }

    /** The recorder in use, for tests and for transform-specific series. */
    public PluginMetricsRecorder recorder() {
        return recorder;
    }

    @Override
    public void close() {
        recorder.close();
    }
}
