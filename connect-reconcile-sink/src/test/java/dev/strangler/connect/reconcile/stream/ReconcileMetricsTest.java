package dev.strangler.connect.reconcile.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.strangler.connect.core.metrics.PluginMetricsRecorder;
import dev.strangler.connect.reconcile.compare.Outcome;
import dev.strangler.connect.reconcile.evidence.HealthLevel;
import dev.strangler.connect.reconcile.evidence.MismatchRateThresholds;

class ReconcileMetricsTest {

    @Test
    void theMismatchRateAndHealthFollowConfirmedFindingsPerComparedRecord() {
        PluginMetricsRecorder recorder = PluginMetricsRecorder.detached();
        ReconcileMetrics metrics = new ReconcileMetrics(recorder, new MismatchRateThresholds(0.01, 0.05, 100));

        metrics.compared(1_000);
        metrics.matched(990);
        assertThat(metrics.health()).isEqualTo(HealthLevel.OK);

        for (int i = 0; i < 10; i++) {
            metrics.confirmed(i % 2 == 0 ? Outcome.MISMATCH : Outcome.MISSING_IN_TARGET);
        }
        assertThat(metrics.mismatchRate()).isEqualTo(0.01);
        assertThat(metrics.health()).isEqualTo(HealthLevel.WARNING);
        assertThat(recorder.counter("findings-confirmed", "", java.util.Map.of("kind", "mismatch")).count()).isEqualTo(5);
        assertThat(recorder.counter("findings-confirmed", "", java.util.Map.of("kind", "missing-in-target")).count()).isEqualTo(5);

        for (int i = 0; i < 40; i++) {
            metrics.confirmed(Outcome.MISMATCH);
        }
        assertThat(metrics.health()).isEqualTo(HealthLevel.INCIDENT);
    }
}
