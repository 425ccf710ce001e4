package dev.strangler.connect.reconcile;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.strangler.connect.core.StranglerVersion;
import dev.strangler.connect.core.metrics.PluginMetricsRecorder;
import dev.strangler.connect.core.sql.SqlFailure;
import dev.strangler.connect.core.sql.SqlFailureClassifier;
import dev.strangler.connect.core.sql.SqlIdentifier;
import dev.strangler.connect.reconcile.compare.FieldPair;
import dev.strangler.connect.reconcile.compare.RecordComparer;
import dev.strangler.connect.reconcile.evidence.Finding;
import dev.strangler.connect.reconcile.evidence.FindingMasker;
import dev.strangler.connect.reconcile.evidence.ResultsTable;
import dev.strangler.connect.reconcile.lookup.CounterpartLookup;
import dev.strangler.connect.reconcile.lookup.KeyKind;
import dev.strangler.connect.reconcile.lookup.MappingCheck;
import dev.strangler.connect.reconcile.lookup.TargetTable;
import dev.strangler.connect.reconcile.pending.PendingStore;
import dev.strangler.connect.reconcile.repair.RepairRecords;
import dev.strangler.connect.reconcile.repair.RepairRequests;
import dev.strangler.connect.reconcile.repair.RepairTopic;
import dev.strangler.connect.reconcile.repair.SignalTable;
import dev.strangler.connect.reconcile.repair.SnapshotSignalRepair;
import dev.strangler.connect.reconcile.state.StateCheck;
import dev.strangler.connect.reconcile.state.StateCheckSchedule;
import dev.strangler.connect.reconcile.stream.DatabaseSession;
import dev.strangler.connect.reconcile.stream.FieldMapping;
import dev.strangler.connect.reconcile.stream.ReconcileMetrics;
import dev.strangler.connect.reconcile.stream.ReconcileResult;
import dev.strangler.connect.reconcile.stream.ScopeAuthority;
import dev.strangler.connect.reconcile.stream.SourceRow;
import dev.strangler.connect.reconcile.stream.StreamReconciler;
import dev.strangler.connect.reconcile.stream.VersionGuard;

/**
 * The sink task: reads each batch into {@link SourceRow}s, hands it to the {@link StreamReconciler}, reports
 * confirmed findings to the mismatch (dead-letter) topic, and maps database failures to Connect's retry semantics.
 * Task 0 also runs the periodic state-level check, on its own thread.
 */
public class ReconcileSinkTask extends SinkTask {

    /** Set by the connector on each task's configuration: only task 0 runs state checks. */
    static final String TASK_INDEX = "reconcile.task.index";

    private static final Logger LOG = LoggerFactory.getLogger(ReconcileSinkTask.class);
    private static final int MAX_RETRIES = 10;
    private static final long RETRY_BACKOFF_MS = 2_000;

    private final Clock clock;
    private ReconcileSinkConfig config;
    private PluginMetricsRecorder recorder;
    private ReconcileMetrics metrics;
    private DatabaseSession target;
    private DatabaseSession evidence;
    private DatabaseSession source;
    private StreamReconciler reconciler;
    private SourceRowReader reader;
    private ErrantRecordReporter reporter;
    private FindingOutputs outputs;
    private StateCheckSchedule stateChecks;
    /** Findings confirmed by the state check's thread, passed on from {@code put()}, where the reporter may be used. */
    private final Queue<Finding> stateFindings = new ConcurrentLinkedQueue<>();
    private long idleRecheckMs;
    private int retries;

    public ReconcileSinkTask() {
        this(Clock.systemUTC());
    }

    ReconcileSinkTask(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String version() {
        return StranglerVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new ReconcileSinkConfig(props);
        String connector = props.getOrDefault("name", "reconcile-sink");
        String runId = UUID.randomUUID().toString();
        recorder = PluginMetricsRecorder.of(context.pluginMetrics());
        metrics = new ReconcileMetrics(recorder, config.thresholds());
        target = new DatabaseSession(config.targetConnection(), true);
        evidence = new DatabaseSession(config.evidenceConnection(), false);
        try {
            TargetTable table = TargetTable.describe(target.get(), config.targetDialect(), config.targetTable());
            List<FieldPair> keyPairs = resolve(config.keyPairs(), table, ReconcileSinkConfig.MAPPING_KEY);
            List<FieldPair> compared = resolve(config.comparedPairs(), table, ReconcileSinkConfig.MAPPING_FIELDS);
            Optional<VersionGuard> versionGuard = config.versionPair()
                    .map(p -> resolve(List.of(p), table, ReconcileSinkConfig.MAPPING_VERSION).get(0))
                    .map(p -> new VersionGuard(p.field(), p.column()));
            List<KeyKind> keyKinds = keyPairs.stream().map(p -> table.keyKind(p.column())).toList();
            FieldMapping mapping = new FieldMapping(keyPairs, compared, config.ignoredFields(), table::column, versionGuard);
            FindingMasker masker = new FindingMasker(config.maskedFields(), maskPairs(compared, table));
            RecordComparer comparer = new RecordComparer(config.comparisonRules());
            ResultsTable results = new ResultsTable(config.evidenceConnection().dialect(), config.resultsTable());
            reconciler = new StreamReconciler(
                    new StreamReconciler.Settings(connector, config.scope(), runId, config.gracePeriod(), config.recheckBatchSize()),
                    mapping, comparer,
                    new CounterpartLookup(config.targetDialect(), config.targetTable(), mapping.keyColumns(), keyKinds,
                            config.lookupBatchSize()),
                    new PendingStore(config.evidenceConnection().dialect(), config.pendingTable()),
                    results, masker, metrics, target, evidence,
                    new ScopeAuthority(config.migrationPlan(), config.planEntity(), config.recordSide(), config.planFields()));
            reconciler.prepare();
            reader = new SourceRowReader(mapping.keyFields(), keyKinds);
            reporter = errantRecordReporter();
            boolean reportFindings = config.reportToDlq() && reporter != null && "all".equals(props.get("errors.tolerance"));
            outputs = new FindingOutputs(reportFindings ? reporter : null, repair(connector, mapping, props), reconciler::repairAllowed,
                    recorder);
            startStateChecks(props, connector);
        } catch (SQLException e) {
            closeSessions();
            closeOutputs();
            throw new ConnectException("Cannot start reconciliation of " + config.scope() + ": " + SqlFailureClassifier.summary(e), e);
        }
        idleRecheckMs = Math.max(100, Math.min(5_000, config.gracePeriod().toMillis() / 4));
        LOG.info("Reconciling {} against {} (run {}, grace {}, findings to mismatch topic: {}, repair: {})", config.scope(),
                config.targetTable(), runId, config.gracePeriod(), outputs.reportsToMismatchTopic(), config.repairMode());
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        List<SourceRow> rows = new ArrayList<>(records.size());
        Map<SourceRow, SinkRecord> recordOf = new IdentityHashMap<>();
        for (SinkRecord record : records) {
            try {
                reader.read(record).ifPresent(row -> {
                    rows.add(row);
                    recordOf.put(row, record);
                });
            } catch (MalformedRecordException e) {
                metrics.malformed();
                if (reporter == null) {
                    throw e;
                }
                reporter.report(record, e);
            }
        }
        ReconcileResult result;
        try {
            result = reconciler.reconcile(rows, clock.instant());
            List<Finding> confirmed = new ArrayList<>(result.confirmed());
            for (Finding finding; (finding = stateFindings.poll()) != null; ) {
                confirmed.add(finding);
            }
            outputs.publish(confirmed);
            retries = 0;
        } catch (KafkaException e) {
            throw new ConnectException("Repair requests of " + config.scope() + " could not be sent: " + e.getMessage(), e);
        } catch (SQLException e) {
            closeSessions();
            if (SqlFailureClassifier.classify(e) == SqlFailure.TRANSIENT && ++retries <= MAX_RETRIES) {
                context.timeout(RETRY_BACKOFF_MS);
                throw new RetriableException("Transient database failure reconciling " + config.scope()
                        + " (attempt " + retries + " of " + MAX_RETRIES + "): " + SqlFailureClassifier.summary(e), e);
            }
            throw new ConnectException("Reconciliation of " + config.scope() + " failed: " + SqlFailureClassifier.summary(e), e);
        }
        for (ReconcileResult.RejectedRow rejected : result.rejected()) {
            metrics.malformed();
            MalformedRecordException reason = new MalformedRecordException(rejected.reason());
            if (reporter == null) {
                throw reason;
            }
            reporter.report(recordOf.get(rejected.row()), reason);
        }
        if (metrics.backlogCount() > 0 || stateChecks != null) {
            // Wake up while the topic is idle, so pending findings are re-checked soon after they fall due, and
            // state-level findings are passed on soon after they are confirmed, instead of at the next offset commit.
            context.timeout(idleRecheckMs);
        }
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        if (reconciler != null) {
            reconciler.assignmentChanged();
        }
    }

    @Override
    public void stop() {
        if (stateChecks != null) {
            stateChecks.close();
        }
        closeSessions();
        closeOutputs();
        if (recorder != null) {
            recorder.close();
        }
    }

    private void closeOutputs() {
        if (outputs != null) {
            outputs.close();
            outputs = null;
        }
    }

    private void closeSessions() {
        for (DatabaseSession session : new DatabaseSession[] {target, evidence, source}) {
            if (session != null) {
                session.reset();
            }
        }
    }

    private ErrantRecordReporter errantRecordReporter() {
        try {
            return context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            return null; // a worker older than Kafka 2.6
        }
    }

    private Optional<RepairRequests> repair(String connector, FieldMapping mapping, Map<String, String> props) {
        switch (config.repairMode()) {
            case DEBEZIUM_SIGNAL -> {
                source = new DatabaseSession(config.sourceConnection().orElseThrow(), true);
                List<SqlIdentifier> sourceKeyColumns = mapping.keyFields().stream().map(config::sourceColumn).toList();
                SignalTable signals = new SignalTable(config.sourceDialect().orElseThrow(), config.signalTable(),
                        config.dataCollection(), sourceKeyColumns);
                return Optional.of(new SnapshotSignalRepair(signals, source));
            }
            case TOPIC -> {
                Map<String, Object> settings = new HashMap<>(config.repairProducerSettings());
                settings.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, connector + "-repair-" + props.getOrDefault(TASK_INDEX, "0"));
                settings.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
                Producer<String, String> producer = new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer());
                return Optional.of(new RepairTopic(producer, config.repairTopic(),
                        new RepairRecords(config.repairTopic(), mapping.keyFields())));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private void startStateChecks(Map<String, String> props, String connector) throws SQLException {
        Optional<Duration> interval = config.stateCheckInterval();
        if (interval.isEmpty() || !"0".equals(props.getOrDefault(TASK_INDEX, "0"))) {
            return;
        }
        StateCheck check = StateChecks.from(config, connector, recorder, clock);
        recorder.gauge("state-source-rows", "Rows of the source table at the last state check", () -> check.lastRowCounts()[0]);
        recorder.gauge("state-target-rows", "Rows of the target table at the last state check", () -> check.lastRowCounts()[1]);
        stateChecks = new StateCheckSchedule(check, interval.get(), config.gracePeriod(), recorder,
                "reconcile-state-check-" + connector, stateFindings::addAll);
        stateChecks.start();
        LOG.info("State checks of {} every {} against {}", config.scope(), interval.get(), config.stateSourceTable());
    }

    /** The pairs with their columns spelled as the catalogue has them; a missing column stops the task. */
    static List<FieldPair> resolve(List<FieldPair> pairs, TargetTable table, String key) {
        List<String> missing = MappingCheck.missingColumns(pairs, table::column, table.name().toString());
        if (!missing.isEmpty()) {
            throw new ConnectException(key + ": " + String.join("; ", missing));
        }
        return MappingCheck.resolve(pairs, table::column);
    }

    /** The compared pairs, or (when fields are implicit) each masked field with its same-named column. */
    private List<FieldPair> maskPairs(List<FieldPair> compared, TargetTable table) {
        if (!compared.isEmpty()) {
            return compared;
        }
        Set<String> masked = config.maskedFields();
        return masked.stream().flatMap(f -> table.column(f).map(c -> new FieldPair(f, c.name())).stream()).toList();
    }
}
