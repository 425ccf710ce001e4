package dev.strangler.connect.reconcile.state;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.strangler.connect.core.metrics.PluginMetricsRecorder;
import dev.strangler.connect.reconcile.evidence.Finding;

/**
 * Runs a {@link StateCheck} periodically on its own thread, so a scan of a large table never holds up
 * {@code put()} (and the consumer's poll interval): a scan every {@code interval}, and the confirmation of its
 * candidates one grace period later. A failed run is logged with its cause, counted, and retried at the next
 * interval; it does not stop the streaming reconciliation.
 */
public final class StateCheckSchedule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StateCheckSchedule.class);

    private final StateCheck check;
    private final Duration interval;
    private final Duration grace;
    private final PluginMetricsRecorder metrics;
    private final ScheduledExecutorService executor;
    private final Consumer<List<Finding>> confirmed;

    /**
     * @param confirmed receives the findings of each confirmation (already recorded in the results table), on the
     *                  check's thread, for the task to pass on to the mismatch topic and the repair hook
     */
    public StateCheckSchedule(StateCheck check, Duration interval, Duration grace, PluginMetricsRecorder metrics,
                              String threadName, Consumer<List<Finding>> confirmed) {
        this.confirmed = confirmed;
        this.check = check;
        this.interval = interval;
        this.grace = grace;
        this.metrics = metrics;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    public void start() {
        executor.scheduleWithFixedDelay(this::scan, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void scan() {
        try {
            StateCheck.Scan scan = check.scan();
            if (!scan.result().agrees()) {
                executor.schedule(() -> confirm(scan), grace.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (Exception e) {
            failed("scan", e);
        }
    }

    private void confirm(StateCheck.Scan scan) {
        try {
            List<Finding> findings = check.confirm(scan);
            if (!findings.isEmpty()) {
                confirmed.accept(findings);
            }
        } catch (Exception e) {
            failed("confirmation", e);
        }
    }

    private void failed(String phase, Exception e) {
        metrics.counter("state-check-failures", "State-level check runs that failed (retried at the next interval)").increment();
        LOG.warn("State check {} failed; retrying at the next interval", phase, e);
        check.reset();
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("State check thread did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        check.close();
    }
}
