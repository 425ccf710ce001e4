package dev.strangler.connect.bench.reconcile;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.strangler.connect.core.metrics.PluginMetricsRecorder;
import dev.strangler.connect.core.sql.SqlIdentifier;
import dev.strangler.connect.reconcile.ReconcileSinkConfig;
import dev.strangler.connect.reconcile.compare.FieldPair;
import dev.strangler.connect.reconcile.compare.Outcome;
import dev.strangler.connect.reconcile.compare.RecordComparer;
import dev.strangler.connect.reconcile.evidence.FindingMasker;
import dev.strangler.connect.reconcile.evidence.ResultsTable;
import dev.strangler.connect.reconcile.state.Bisection;
import dev.strangler.connect.reconcile.state.RowDifference;
import dev.strangler.connect.reconcile.state.StateCheck;
import dev.strangler.connect.reconcile.stream.DatabaseSession;

/**
 * The state-level check of the same connector configuration, wired as task 0 wires it in
 * {@code ReconcileSinkTask.startStateChecks} (same config accessors, same classes), but called directly instead of on
 * its schedule, so that one scan can be timed. Keep the two in step.
 */
final class StateScan {

    private StateScan() {
    }

    static StateCheck stateCheck(Map<String, String> props, PluginMetricsRecorder metrics) {
        ReconcileSinkConfig config = new ReconcileSinkConfig(props);
        List<FieldPair> compared = config.comparedPairs();
        List<FieldPair> summed = compared.stream().filter(p -> config.stateSumFields().contains(p.field())).toList();
        FieldPair key = config.keyPairs().get(0);
        StateCheck.Tables tables = new StateCheck.Tables(
                config.sourceDialect().orElseThrow(), config.stateSourceTable(), SqlIdentifier.of(key.field()),
                compared.stream().map(p -> SqlIdentifier.of(p.field())).toList(),
                summed.stream().map(p -> SqlIdentifier.of(p.field())).toList(),
                config.targetDialect(), config.targetTable(), SqlIdentifier.of(key.column()),
                compared.stream().map(p -> SqlIdentifier.of(p.column())).toList(),
                summed.stream().map(p -> SqlIdentifier.of(p.column())).toList());
        return new StateCheck(StreamComparison.CONNECTOR, config.scope(), tables,
                new Bisection(config.bisectionFactor(), config.bisectionThreshold(), new RecordComparer(config.comparisonRules()), compared),
                new DatabaseSession(config.sourceConnection().orElseThrow(), true),
                new DatabaseSession(config.targetConnection(), true),
                new DatabaseSession(config.evidenceConnection(), false),
                new ResultsTable(config.evidenceConnection().dialect(), config.resultsTable()),
                new FindingMasker(config.maskedFields(), compared), metrics, Clock.systemUTC());
    }

    static Map<Long, Outcome> candidates(StateCheck.Scan scan) {
        Map<Long, Outcome> found = new TreeMap<>();
        for (RowDifference difference : scan.result().differences()) {
            found.put(difference.key(), difference.comparison().outcome());
        }
        return found;
    }
}
