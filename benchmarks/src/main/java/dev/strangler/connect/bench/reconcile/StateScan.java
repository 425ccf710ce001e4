package dev.strangler.connect.bench.reconcile;

import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

import dev.strangler.connect.core.metrics.PluginMetricsRecorder;
import dev.strangler.connect.reconcile.ReconcileSinkConfig;
import dev.strangler.connect.reconcile.StateChecks;
import dev.strangler.connect.reconcile.compare.Outcome;
import dev.strangler.connect.reconcile.state.RowDifference;
import dev.strangler.connect.reconcile.state.StateCheck;

/**
 * The state-level check of the same connector configuration, built by {@link StateChecks#from} exactly as task 0
 * builds it, but called directly instead of on its schedule, so that one scan can be timed.
 */
final class StateScan {

    private StateScan() {
    }

    static StateCheck stateCheck(Map<String, String> props, PluginMetricsRecorder metrics) throws SQLException {
        return StateChecks.from(new ReconcileSinkConfig(props), StreamComparison.CONNECTOR, metrics, Clock.systemUTC());
    }

    /** The same check reading the two sides one after the other, to show what reading them at once contributes. */
    static StateCheck sequentialStateCheck(Map<String, String> props, PluginMetricsRecorder metrics) throws SQLException {
        return StateChecks.from(new ReconcileSinkConfig(props), StreamComparison.CONNECTOR, metrics, Clock.systemUTC(), Runnable::run);
    }

    static Map<Long, Outcome> candidates(StateCheck.Scan scan) {
        Map<Long, Outcome> found = new TreeMap<>();
        for (RowDifference difference : scan.result().differences()) {
            found.put(difference.key(), difference.comparison().outcome());
        }
        return found;
    }
}
