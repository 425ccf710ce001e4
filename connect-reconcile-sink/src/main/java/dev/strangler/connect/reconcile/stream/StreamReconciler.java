package dev.strangler.connect.reconcile.stream;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.strangler.connect.core.plan.AuthorityDecision;
import dev.strangler.connect.core.sql.SqlFailure;
import dev.strangler.connect.core.sql.SqlFailureClassifier;
import dev.strangler.connect.core.sql.SqlIdentifier;
import dev.strangler.connect.reconcile.compare.Comparison;
import dev.strangler.connect.reconcile.compare.FieldPair;
import dev.strangler.connect.reconcile.compare.Outcome;
import dev.strangler.connect.reconcile.compare.RecordComparer;
import dev.strangler.connect.reconcile.evidence.CheckLevel;
import dev.strangler.connect.reconcile.evidence.Finding;
import dev.strangler.connect.reconcile.evidence.FindingMasker;
import dev.strangler.connect.reconcile.evidence.HealthLevel;
import dev.strangler.connect.reconcile.evidence.ResultsTable;
import dev.strangler.connect.reconcile.lookup.CounterpartLookup;
import dev.strangler.connect.reconcile.lookup.RowKey;
import dev.strangler.connect.reconcile.pending.PendingFinding;
import dev.strangler.connect.reconcile.pending.PendingStore;

/**
 * Transaction-level reconciliation of a stream of records, one batch at a time, without Connect types: the sink task
 * hands it each {@code put()} batch as {@link SourceRow}s.
 *
 * <ol>
 *   <li>The newest record per key is compared with its counterpart, found by one batched lookup.</li>
 *   <li>A match clears any pending finding of its key; a difference becomes (or refreshes) a pending finding due
 *       after the grace period, because the target may simply not have caught up yet.</li>
 *   <li>Due pending findings are claimed in batches and looked up again: cleared if the target now agrees,
 *       otherwise confirmed: written to the results table in the same transaction that removes them from pending,
 *       and returned so the task can report them to the mismatch topic and request their repair.</li>
 * </ol>
 */
public final class StreamReconciler {

    private static final Logger LOG = LoggerFactory.getLogger(StreamReconciler.class);
    /** Re-check rounds per batch: bounds the time of one {@code put()} when a large backlog falls due at once. */
    private static final int MAX_RECHECK_ROUNDS = 8;
    /**
     * How stale the backlog gauge and the next due time may get while nothing changes pending state here (counting
     * is a scan of the index); findings another task left behind are re-checked at most this late.
     */
    private static final Duration BACKLOG_REFRESH = Duration.ofSeconds(5);
    /** Pending keys a task tracks in memory at most; beyond, every agreeing key is deleted from pending. */
    private static final int KNOWN_PENDING_LIMIT = 100_000;

    /** Who runs this reconciliation and how long it waits before believing a difference. */
    public record Settings(String connector, String scope, String runId, Duration grace, int recheckBatchSize) {
    }

    private final Settings settings;
    private final FieldMapping mapping;
    private final RecordComparer comparer;
    private final CounterpartLookup lookup;
    private final PendingStore pending;
    private final ResultsTable results;
    private final FindingMasker masker;
    private final ReconcileMetrics metrics;
    private final DatabaseSession target;
    private final DatabaseSession evidence;
    private final ScopeAuthority authority;
    private final Set<Set<String>> noticedFieldSets = new java.util.HashSet<>();
    private HealthLevel health = HealthLevel.OK;
    private Instant backlogCountedAt = Instant.MIN;
    private boolean pendingChanged;
    private final KnownPendingKeys knownPending = new KnownPendingKeys(KNOWN_PENDING_LIMIT);
    private boolean assignmentChanged;
    /** When the earliest pending finding of the connector falls due, as last read or written; null: unknown. */
    private Instant nextDue;

    public StreamReconciler(Settings settings, FieldMapping mapping, RecordComparer comparer, CounterpartLookup lookup,
                            PendingStore pending, ResultsTable results, FindingMasker masker, ReconcileMetrics metrics,
                            DatabaseSession target, DatabaseSession evidence, ScopeAuthority authority) {
        this.settings = settings;
        this.mapping = mapping;
        this.comparer = comparer;
        this.lookup = lookup;
        this.pending = pending;
        this.results = results;
        this.masker = masker;
        this.metrics = metrics;
        this.target = target;
        this.evidence = evidence;
        this.authority = authority;
    }

    /** Creates the pending and results tables when they do not exist. */
    public void prepare() throws SQLException {
        Connection connection = evidence.get();
        pending.createIfMissing(connection);
        results.createIfMissing(connection);
        connection.commit();
        refreshBacklog(connection);
        knownPending.load(pending.keys(connection, settings.connector(), KNOWN_PENDING_LIMIT));
        connection.commit();
    }

    /**
     * The task's partition assignment changed: pending rows of the newly assigned partitions are unknown to this
     * task until it reads the pending table again (before its next batch).
     */
    public void assignmentChanged() {
        knownPending.forget();
        assignmentChanged = true;
    }

    /**
     * Compares a batch and re-checks what has fallen due.
     *
     * @return the findings confirmed during this call (already masked, for the mismatch topic) and the records
     *         whose own key the target refused to look up
     */
    public ReconcileResult reconcile(List<SourceRow> batch, Instant now) throws SQLException {
        List<ReconcileResult.RejectedRow> rejected = new ArrayList<>();
        if (assignmentChanged) {
            Connection connection = evidence.get();
            knownPending.load(pending.keys(connection, settings.connector(), KNOWN_PENDING_LIMIT));
            connection.commit();
            assignmentChanged = false;
        }
        if (!batch.isEmpty()) {
            compareBatch(latestPerKey(batch), now, rejected);
        }
        // Claiming is a locking query: skipped while nothing can be due.
        List<Finding> confirmed = nextDue == null || !now.isBefore(nextDue) ? recheckDue(now) : List.of();
        if (pendingChanged || !now.isBefore(backlogCountedAt.plus(BACKLOG_REFRESH))) {
            Connection connection = evidence.get();
            refreshBacklog(connection);
            connection.commit();
            backlogCountedAt = now;
            pendingChanged = false;
        }
        classifyHealth();
        return new ReconcileResult(confirmed, rejected);
    }

    private void compareBatch(List<SourceRow> all, Instant now, List<ReconcileResult.RejectedRow> rejected) throws SQLException {
        Map<RowKey, Map<String, Object>> counterparts = findCounterpartsIsolatingBadRows(all, rejected);
        Set<SourceRow> refused = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        rejected.forEach(r -> refused.add(r.row()));
        List<SourceRow> rows = all.stream().filter(r -> !refused.contains(r)).toList();
        List<RowKey> agreeing = new ArrayList<>();
        List<PendingFinding> differing = new ArrayList<>();
        long stale = 0;
        for (SourceRow row : rows) {
            Map<String, Object> counterpart = counterparts.get(row.key());
            if (isStale(row, counterpart)) {
                stale++;
                continue;
            }
            Comparison comparison = comparer.compare(pairsFor(row), row.fields(), counterpart);
            if (comparison.matches()) {
                agreeing.add(row.key());
            } else {
                differing.add(new PendingFinding(row, comparison.outcome(), now, now.plus(settings.grace()), 1));
            }
        }
        Connection connection = evidence.get();
        List<RowKey> clearing = knownPending.possiblyPending(agreeing);
        int cleared = pending.delete(connection, settings.connector(), clearing);
        pending.save(connection, settings.connector(), differing);
        connection.commit();
        knownPending.removed(clearing);
        knownPending.added(differing.stream().map(f -> f.row().key()).toList());
        if (!differing.isEmpty()) {
            Instant due = now.plus(settings.grace());
            nextDue = nextDue == null || due.isBefore(nextDue) ? due : nextDue;
        }
        pendingChanged |= cleared > 0 || !differing.isEmpty();
        metrics.compared(rows.size() - stale);
        metrics.matched(agreeing.size());
        metrics.cleared(cleared);
        metrics.pending(differing.size());
        metrics.stale(stale);
        LOG.debug("Compared {} records of {}: {} matched, {} pending, {} stale", rows.size(), settings.scope(),
                agreeing.size(), differing.size(), stale);
    }

    private List<Finding> recheckDue(Instant now) throws SQLException {
        List<Finding> confirmed = new ArrayList<>();
        for (int round = 0; round < MAX_RECHECK_ROUNDS; round++) {
            Connection connection = evidence.get();
            List<PendingFinding> due = pending.claimDue(connection, settings.connector(), now, settings.recheckBatchSize());
            if (due.isEmpty()) {
                connection.commit();
                nextDue = null; // what remains falls due later, or is another task's: read at the next refresh
                pendingChanged = true;
                break;
            }
            Map<RowKey, Map<String, Object>> counterparts = findCounterparts(due.stream().map(PendingFinding::row).toList());
            List<RowKey> done = new ArrayList<>();
            List<Finding> roundFindings = new ArrayList<>();
            long cleared = 0;
            for (PendingFinding finding : due) {
                SourceRow row = finding.row();
                Map<String, Object> counterpart = counterparts.get(row.key());
                done.add(row.key());
                Comparison comparison = comparer.compare(pairsFor(row), row.fields(), counterpart);
                // A target that moved past the record's version cannot confirm a difference with it.
                if (comparison.matches() || isStale(row, counterpart)) {
                    cleared++;
                    continue;
                }
                Optional<AuthorityDecision> decision = authority.decide(row, now);
                String scope = decision.map(AuthorityDecision::scope).orElse(settings.scope());
                roundFindings.add(masker.mask(new Finding(settings.runId(), settings.connector(), scope,
                        CheckLevel.RECORD, comparison.outcome(), ruleOf(comparison.outcome()), row.key().text(),
                        row.keyValues(), row.fields(), counterpart, comparison.differences(), row.origin(),
                        null, decision.orElse(null), finding.firstSeen(), now)));
            }
            pending.delete(connection, settings.connector(), done);
            results.insert(connection, roundFindings);
            connection.commit();
            knownPending.removed(done);
            nextDue = null;
            pendingChanged = true;
            metrics.cleared(cleared);
            roundFindings.forEach(f -> metrics.confirmed(f.kind()));
            confirmed.addAll(roundFindings);
            if (due.size() < settings.recheckBatchSize()) {
                break;
            }
        }
        if (!confirmed.isEmpty()) {
            LOG.info("Confirmed {} findings for {} after the grace period of {}", confirmed.size(), settings.scope(), settings.grace());
        }
        return confirmed;
    }

    /**
     * Looks the rows up; when the database refuses the lookup because of one row's data (a key that is not a valid
     * value of the key column's type), splits the batch until the offending rows are alone and rejects them, so one
     * bad key never stops the reconciliation of the others.
     */
    private Map<RowKey, Map<String, Object>> findCounterpartsIsolatingBadRows(List<SourceRow> rows,
                                                                            List<ReconcileResult.RejectedRow> rejected) throws SQLException {
        try {
            return findCounterparts(rows);
        } catch (SQLException e) {
            if (SqlFailureClassifier.classify(e) != SqlFailure.BAD_ROW) {
                throw e;
            }
            if (rows.size() == 1) {
                // The server's message can quote the value (invalid input syntax for type uuid: "..."): SQLSTATE only.
                rejected.add(new ReconcileResult.RejectedRow(rows.get(0), "The target store refused the lookup of this "
                        + "record's key (SQLSTATE " + SqlFailureClassifier.sqlState(e) + "): the key does not fit the key column"));
                return Map.of();
            }
            int half = rows.size() / 2;
            Map<RowKey, Map<String, Object>> found = new java.util.HashMap<>(findCounterpartsIsolatingBadRows(rows.subList(0, half), rejected));
            found.putAll(findCounterpartsIsolatingBadRows(rows.subList(half, rows.size()), rejected));
            return found;
        }
    }

    private Map<RowKey, Map<String, Object>> findCounterparts(List<SourceRow> rows) throws SQLException {
        // Records of one batch mostly share one field set: the columns are derived once per distinct pair list.
        Set<List<FieldPair>> fieldSets = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (SourceRow row : rows) {
            fieldSets.add(pairsFor(row));
        }
        Set<SqlIdentifier> columns = new LinkedHashSet<>();
        for (List<FieldPair> pairs : fieldSets) {
            columns.addAll(mapping.valueColumns(pairs));
        }
        long start = System.nanoTime();
        Map<RowKey, Map<String, Object>> found = lookup.find(target.get(),
                rows.stream().map(SourceRow::keyValues).toList(), List.copyOf(columns));
        metrics.lookupLatency().recordNanosSince(start);
        return found;
    }

    private List<FieldPair> pairsFor(SourceRow row) {
        Set<String> fields = row.fields().keySet();
        if (!mapping.isExplicit() && noticedFieldSets.add(Set.copyOf(fields))) {
            Set<String> unmatched = mapping.unmatchedFields(fields);
            if (!unmatched.isEmpty()) {
                LOG.info("Fields {} of {} records have no column in the target table and are not compared", unmatched, settings.scope());
            }
        }
        return mapping.pairsFor(fields);
    }

    private void refreshBacklog(Connection connection) throws SQLException {
        PendingStore.Backlog backlog = pending.backlog(connection, settings.connector());
        metrics.backlog(backlog.count());
        nextDue = backlog.nextDue().orElse(Instant.MAX);
    }

    private boolean isStale(SourceRow row, Map<String, Object> counterpart) {
        return mapping.versionGuard().map(g -> g.targetIsNewer(row.fields(), counterpart)).orElse(false);
    }

    private void classifyHealth() {
        HealthLevel current = metrics.health();
        if (current == health) {
            return;
        }
        HealthLevel previous = health;
        health = current;
        String message = String.format("Mismatch rate of %s is %.4f (%d confirmed of %d compared): %s, was %s",
                settings.scope(), metrics.mismatchRate(), metrics.confirmedCount(), metrics.comparedCount(), current, previous);
        if (current == HealthLevel.OK) {
            LOG.info(message);
        } else if (current == HealthLevel.WARNING) {
            LOG.warn(message);
        } else {
            LOG.error(message);
        }
    }

    static String ruleOf(Outcome outcome) {
        return outcome == Outcome.MISMATCH ? "field-compare" : "existence";
    }

    /** Keeps the last record of each key (records arrive in offset order per partition, keys stay in a partition). */
    static List<SourceRow> latestPerKey(List<SourceRow> batch) {
        Map<RowKey, SourceRow> latest = new LinkedHashMap<>();
        for (SourceRow row : batch) {
            latest.remove(row.key());
            latest.put(row.key(), row);
        }
        return new ArrayList<>(latest.values());
    }

    /**
     * Whether a confirmed finding (of this stream or of a state check of the scope) may be repaired automatically:
     * always without a plan; with one, only when the scope's conflict rule makes the records' side win.
     */
    public boolean repairAllowed(Finding finding) {
        return authority.repairAllowed(Optional.ofNullable(finding.authority()));
    }

    public HealthLevel health() {
        return health;
    }
}
