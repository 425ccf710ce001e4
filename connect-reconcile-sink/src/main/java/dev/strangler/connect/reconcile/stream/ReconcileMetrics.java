package dev.strangler.connect.reconcile.stream;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import dev.strangler.connect.core.metrics.PluginMetricsRecorder;
import dev.strangler.connect.reconcile.compare.Outcome;
import dev.strangler.connect.reconcile.evidence.HealthLevel;
import dev.strangler.connect.reconcile.evidence.MismatchRateThresholds;

/**
 * The reconciliation's metrics, named as an operator asks about them: how many records were compared and matched,
 * how many differences are pending a re-check and how many were confirmed (by kind), the mismatch rate and its
 * health level, the re-check backlog and how long lookups take.
 */
public final class ReconcileMetrics {

    private final PluginMetricsRecorder recorder;
    private final MismatchRateThresholds thresholds;
    private final PluginMetricsRecorder.Counter compared;
    private final PluginMetricsRecorder.Counter matched;
    private final PluginMetricsRecorder.Counter pending;
    private final PluginMetricsRecorder.Counter cleared;
    private final PluginMetricsRecorder.Counter stale;
    private final PluginMetricsRecorder.Counter malformed;
    private final PluginMetricsRecorder.Timer lookupLatency;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong confirmedTotal = new AtomicLong();

    public ReconcileMetrics(PluginMetricsRecorder recorder, MismatchRateThresholds thresholds) {
        this.recorder = recorder;
        this.thresholds = thresholds;
        compared = recorder.counter("records-compared", "Records compared with their counterpart");
        matched = recorder.counter("records-matched", "Records whose counterpart agreed on every compared field");
        pending = recorder.counter("findings-pending", "Differences recorded as pending, to be re-checked after the grace period");
        cleared = recorder.counter("findings-cleared", "Pending differences that disappeared (lag) before confirmation");
        stale = recorder.counter("records-stale", "Records skipped because the target already holds a newer version");
        malformed = recorder.counter("records-malformed", "Records that could not be read (sent to the dead-letter queue)");
        lookupLatency = recorder.timer("lookup-latency", "Time of one batched counterpart lookup");
        recorder.gauge("recheck-backlog", "Pending findings of this connector awaiting a re-check", backlog::get);
        recorder.gauge("mismatch-rate", "Confirmed findings per compared record since the task started", this::mismatchRate);
        recorder.gauge("health-level", "Mismatch rate classified: 0 ok, 1 warning, 2 incident", () -> health().ordinal());
    }

    public void compared(long n) {
        compared.add(n);
    }

    public void matched(long n) {
        matched.add(n);
    }

    public void pending(long n) {
        pending.add(n);
    }

    public void cleared(long n) {
        cleared.add(n);
    }

    public void stale(long n) {
        stale.add(n);
    }

    public void malformed() {
        malformed.increment();
    }

    public void confirmed(Outcome kind) {
        recorder.counter("findings-confirmed", "Differences confirmed after the re-check, by kind", Map.of("kind", kind.label())).increment();
        confirmedTotal.incrementAndGet();
    }

    public void backlog(long pendingRows) {
        backlog.set(pendingRows);
    }

    public PluginMetricsRecorder.Timer lookupLatency() {
        return lookupLatency;
    }

    public double mismatchRate() {
        return MismatchRateThresholds.rate(compared.count(), confirmedTotal.get());
    }

    public HealthLevel health() {
        return thresholds.classify(compared.count(), confirmedTotal.get());
    }

    public long comparedCount() {
        return compared.count();
    }

    public long confirmedCount() {
        return confirmedTotal.get();
    }

    public long backlogCount() {
        return backlog.get();
    }

    /** For gauges whose value another component owns (the state check). */
    public void gauge(String name, String description, Supplier<? extends Number> value) {
        recorder.gauge(name, description, value);
    }
}
