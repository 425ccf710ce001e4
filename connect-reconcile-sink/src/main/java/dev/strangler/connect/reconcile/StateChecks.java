package dev.strangler.connect.reconcile;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.strangler.connect.core.metrics.PluginMetricsRecorder;
import dev.strangler.connect.core.sql.SqlIdentifier;
import dev.strangler.connect.reconcile.compare.FieldPair;
import dev.strangler.connect.reconcile.compare.RecordComparer;
import dev.strangler.connect.reconcile.evidence.FindingMasker;
import dev.strangler.connect.reconcile.evidence.ResultsTable;
import dev.strangler.connect.reconcile.lookup.TargetTable;
import dev.strangler.connect.reconcile.lookup.KeyKind;
import dev.strangler.connect.reconcile.state.Bisection;
import dev.strangler.connect.reconcile.state.KeySpace;
import dev.strangler.connect.reconcile.state.StateCheck;
import dev.strangler.connect.reconcile.stream.DatabaseSession;
import dev.strangler.connect.reconcile.stream.ScopeAuthority;

/**
 * Builds the state-level check a connector configuration describes, the one way both the sink task (task 0, on its
 * schedule) and anything that runs a check directly (the benchmark) wire it: the mapping's columns as the target's
 * catalogue spells them, the connector's comparison rules, masks and results table, and sessions of its own.
 */
public final class StateChecks {

    private StateChecks() {
    }

    /**
     * @param connector the connector name written into findings
     * @throws SQLException when the target table cannot be described
     */
    public static StateCheck from(ReconcileSinkConfig config, String connector, PluginMetricsRecorder metrics, Clock clock)
            throws SQLException {
        return from(config, connector, metrics, clock, sourceReads(connector));
    }

    /**
     * As {@link #from(ReconcileSinkConfig, String, PluginMetricsRecorder, Clock)}, with the executor of the source's
     * checksum reads given ({@code Runnable::run}: one side after the other, as the benchmark compares).
     */
    public static StateCheck from(ReconcileSinkConfig config, String connector, PluginMetricsRecorder metrics, Clock clock,
                                  Executor sourceReads) throws SQLException {
        DatabaseSession target = new DatabaseSession(config.targetConnection(), true);
        try {
            TargetTable table = TargetTable.describe(target.get(), config.targetDialect(), config.targetTable());
            List<FieldPair> keys = ReconcileSinkTask.resolve(config.keyPairs(), table, ReconcileSinkConfig.MAPPING_KEY);
            // State checks require explicit compared fields (validated), so these are also the masked pairs.
            List<FieldPair> compared = ReconcileSinkTask.resolve(config.comparedPairs(), table, ReconcileSinkConfig.MAPPING_FIELDS);
            List<FieldPair> summed = compared.stream().filter(p -> config.stateSumFields().contains(p.field())).toList();
            // Source rows are read from the source's columns but returned under the record field names.
            StateCheck.Tables tables = new StateCheck.Tables(
                    config.sourceDialect().orElseThrow(), config.stateSourceTable(), sourceColumns(config, keys),
                    sourceColumns(config, compared), sourceColumns(config, summed),
                    config.targetDialect(), config.targetTable(), columns(keys),
                    columns(compared), columns(summed), keys.stream().map(FieldPair::field).toList(),
                    compared.stream().map(FieldPair::field).toList(),
                    keys.size() == 1 ? keySpace(table.keyKind(keys.get(0).column())) : KeySpace.TEXT_HASH);
            return new StateCheck(connector, config.scope(), tables,
                    new Bisection(config.bisectionFactor(), config.bisectionThreshold(),
                            new RecordComparer(config.comparisonRules()), compared, sourceReads),
                    new DatabaseSession(config.sourceConnection().orElseThrow(), true),
                    target,
                    new DatabaseSession(config.evidenceConnection(), false),
                    new ResultsTable(config.evidenceConnection().dialect(), config.resultsTable()),
                    new FindingMasker(config.maskedFields(), compared), metrics, clock,
                    new ScopeAuthority(config.migrationPlan(), config.planEntity(), config.recordSide(), config.planFields()));
        } catch (SQLException | RuntimeException e) {
            target.close();
            throw e;
        }
    }

    /**
     * A single numeric key (integers; a numeric column is read as an integer) is bisected by key range; any other key
     * (text, uuid) and every composite key by buckets of a hash of its text, which both databases compute alike for
     * the same key text.
     */
    static KeySpace keySpace(KeyKind targetKeyKind) {
        return targetKeyKind == KeyKind.NUMBER ? KeySpace.INTEGER : KeySpace.TEXT_HASH;
    }

    /**
     * The thread that reads the source's checksums while the check's own thread reads the target's. It ends after a
     * minute without work, so an idle or abandoned check holds no thread and the executor needs no shutdown.
     */
    private static Executor sourceReads(String connector) {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), r -> {
            Thread thread = new Thread(r, "reconcile-state-source-" + connector);
            thread.setDaemon(true);
            return thread;
        });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    private static List<SqlIdentifier> sourceColumns(ReconcileSinkConfig config, List<FieldPair> pairs) {
        return pairs.stream().map(p -> config.sourceColumn(p.field())).toList();
    }

    private static List<SqlIdentifier> columns(List<FieldPair> pairs) {
        return pairs.stream().map(p -> SqlIdentifier.of(p.column())).toList();
    }
}
