package dev.strangler.connect.reconcile.state;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.strangler.connect.core.metrics.PluginMetricsRecorder;
import dev.strangler.connect.core.plan.AuthorityDecision;
import dev.strangler.connect.core.sql.SqlDialect;
import dev.strangler.connect.core.sql.SqlIdentifier;
import dev.strangler.connect.core.sql.TableName;
import dev.strangler.connect.reconcile.compare.Outcome;
import dev.strangler.connect.reconcile.evidence.CheckLevel;
import dev.strangler.connect.reconcile.evidence.Finding;
import dev.strangler.connect.reconcile.evidence.FindingMasker;
import dev.strangler.connect.reconcile.evidence.ResultsTable;
import dev.strangler.connect.reconcile.lookup.RowKey;
import dev.strangler.connect.reconcile.stream.DatabaseSession;
import dev.strangler.connect.reconcile.stream.ScopeAuthority;

/**
 * One scope's state-level check between a source table and a target table, in two phases so that lag is not
 * reported: {@link #scan} bisects the key span down to differing rows (candidates), and {@link #confirm}, run after
 * the grace period, reads exactly those rows again and records only the differences that persist.
 */
public final class StateCheck {

    private static final Logger LOG = LoggerFactory.getLogger(StateCheck.class);

    /**
     * The two tables and how their rows correspond. Source rows are returned under {@code sourceKeyNames} and
     * {@code sourceNames} (the record field names the comparison rules use), whatever the source columns are called;
     * {@code keySpace} says how rows are placed for the bisection (by one integer key, or by a hash of the text of one
     * or more key columns).
     */
    public record Tables(SqlDialect sourceDialect, TableName sourceTable, List<SqlIdentifier> sourceKeys, List<SqlIdentifier> sourceColumns,
                         List<SqlIdentifier> sourceSums, SqlDialect targetDialect, TableName targetTable, List<SqlIdentifier> targetKeys,
                         List<SqlIdentifier> targetColumns, List<SqlIdentifier> targetSums, List<String> sourceKeyNames,
                         List<String> sourceNames, KeySpace keySpace) {

        public Tables {
            if (sourceNames.size() != sourceColumns.size() || sourceKeyNames.size() != sourceKeys.size()
                    || sourceKeys.size() != targetKeys.size() || sourceKeys.isEmpty()) {
                throw new IllegalArgumentException("one name per source column, and as many key columns on both sides");
            }
            if (keySpace == KeySpace.INTEGER && sourceKeys.size() != 1) {
                throw new IllegalArgumentException("integer key ranges need exactly one key column");
            }
            sourceKeys = List.copyOf(sourceKeys);
            targetKeys = List.copyOf(targetKeys);
            sourceKeyNames = List.copyOf(sourceKeyNames);
            sourceNames = List.copyOf(sourceNames);
        }

        /** One integer key, source columns named like the record fields. */
        public Tables(SqlDialect sourceDialect, TableName sourceTable, SqlIdentifier sourceKey, List<SqlIdentifier> sourceColumns,
                      List<SqlIdentifier> sourceSums, SqlDialect targetDialect, TableName targetTable, SqlIdentifier targetKey,
                      List<SqlIdentifier> targetColumns, List<SqlIdentifier> targetSums) {
            this(sourceDialect, sourceTable, List.of(sourceKey), sourceColumns, sourceSums, targetDialect, targetTable, List.of(targetKey),
                    targetColumns, targetSums, List.of(sourceKey.name()), sourceColumns.stream().map(SqlIdentifier::name).toList(),
                    KeySpace.INTEGER);
        }
    }

    /** Candidates of one scan, waiting for their confirmation. */
    public record Scan(String runId, Instant startedAt, Map<Object, KeyRange> rangeByKey, BisectionResult result) {
    }

    private final String connector;
    private final String scope;
    private final Tables tables;
    private final Bisection bisection;
    private final DatabaseSession source;
    private final DatabaseSession target;
    private final DatabaseSession evidence;
    private final ResultsTable results;
    private final FindingMasker masker;
    private final PluginMetricsRecorder metrics;
    private final Clock clock;
    private final ScopeAuthority authority;
    private volatile RangeChecksum[] lastTotals = {RangeChecksum.EMPTY, RangeChecksum.EMPTY};

    public StateCheck(String connector, String scope, Tables tables, Bisection bisection, DatabaseSession source,
                      DatabaseSession target, DatabaseSession evidence, ResultsTable results, FindingMasker masker,
                      PluginMetricsRecorder metrics, Clock clock) {
        this(connector, scope, tables, bisection, source, target, evidence, results, masker, metrics, clock,
                ScopeAuthority.withoutPlan());
    }

    /**
     * @param authority the migration plan's view of the rows: each finding is filed under the plan scope its source
     *                  row (or, for a row missing in the source, its target row under the record field names) belongs
     *                  to at the time of the check, since a table row carries no event time
     */
    public StateCheck(String connector, String scope, Tables tables, Bisection bisection, DatabaseSession source,
                      DatabaseSession target, DatabaseSession evidence, ResultsTable results, FindingMasker masker,
                      PluginMetricsRecorder metrics, Clock clock, ScopeAuthority authority) {
        this.authority = authority;
        this.connector = connector;
        this.scope = scope;
        this.tables = tables;
        this.bisection = bisection;
        this.source = source;
        this.target = target;
        this.evidence = evidence;
        this.results = results;
        this.masker = masker;
        this.metrics = metrics;
        this.clock = clock;
    }

    public Scan scan() throws SQLException {
        Instant started = clock.instant();
        long start = System.nanoTime();
        BisectionResult result = bisection.run(sourceReader(), targetReader());
        metrics.timer("state-check-duration", "Time of one state-level scan of the scope").recordNanosSince(start);
        metrics.counter("state-ranges-checked", "Key ranges checksummed on both sides by state-level checks").add(result.rangesChecked());
        metrics.counter("state-rows-fetched", "Rows fetched by state-level checks to compare differing ranges").add(result.rowsFetched());
        Map<Object, KeyRange> rangeByKey = new HashMap<>();
        for (RowDifference difference : result.differences()) {
            if (difference.range() != null) {
                rangeByKey.put(difference.rowKey(), difference.range());
            }
        }
        LOG.info("State check of {}: source {} rows, sums {}; target {} rows, sums {}; {} ranges checked, {} differing ranges, "
                        + "{} candidate rows", scope, result.sourceTotal().rows(), result.sourceTotal().sums(),
                result.targetTotal().rows(), result.targetTotal().sums(), result.rangesChecked(),
                result.differingRanges().size(), result.differences().size());
        lastTotals = new RangeChecksum[] {result.sourceTotal(), result.targetTotal()};
        return new Scan(UUID.randomUUID().toString(), started, rangeByKey, result);
    }

    /** Re-reads the candidates of a scan and records the differences that persist; returns them. */
    public List<Finding> confirm(Scan scan) throws SQLException {
        List<Object> keys = scan.result().differences().stream().map(RowDifference::rowKey).toList();
        if (keys.isEmpty()) {
            return List.of();
        }
        List<RowDifference> persisting = bisection.compareRows(sourceReader().rows(keys), targetReader().rows(keys));
        Instant now = clock.instant();
        List<Finding> findings = new ArrayList<>();
        for (RowDifference difference : persisting) {
            Outcome kind = difference.comparison().outcome();
            KeyRange range = scan.rangeByKey().get(difference.rowKey());
            Optional<AuthorityDecision> decision = authority.decide(recordFields(difference), scan.startedAt());
            findings.add(masker.mask(new Finding(scan.runId(), connector, decision.map(AuthorityDecision::scope).orElse(scope),
                    CheckLevel.STATE, kind, "range-checksum",
                    RowKey.of(keyValues(difference)).text(), keyValues(difference), difference.source(), difference.target(),
                    difference.comparison().differences(), null, range == null ? null : rangeText(range),
                    decision.orElse(null), scan.startedAt(), now)));
            metrics.counter("state-findings-confirmed", "Differences confirmed by state-level checks, by kind",
                    Map.of("kind", kind.label())).increment();
        }
        Connection connection = evidence.get();
        results.insert(connection, findings);
        connection.commit();
        LOG.info("State check of {} (run {}): {} of {} candidates persisted and were recorded", scope, scan.runId(),
                findings.size(), keys.size());
        return findings;
    }

    /**
     * The row under the record field names the plan binding uses: the source row as read, or for a row missing in the
     * source the target row with its columns renamed to the fields they are compared with.
     */
    private Map<String, Object> recordFields(RowDifference difference) {
        if (difference.source() != null || difference.target() == null) {
            return difference.source() == null ? Map.of() : difference.source();
        }
        Map<String, Object> fields = new HashMap<>();
        for (int i = 0; i < tables.targetKeys().size(); i++) {
            fields.put(tables.sourceKeyNames().get(i), difference.target().get(tables.targetKeys().get(i).name()));
        }
        for (int i = 0; i < tables.targetColumns().size(); i++) {
            fields.put(tables.sourceNames().get(i), difference.target().get(tables.targetColumns().get(i).name()));
        }
        return fields;
    }

    /** The key's values in key column order: a composite key is already the list of its columns' texts. */
    private static List<Object> keyValues(RowDifference difference) {
        return difference.rowKey() instanceof List<?> parts ? List.copyOf(parts) : List.of(difference.rowKey());
    }

    /** Integer keys' ranges as {@code [from, to)}; hash buckets marked as such, since their keys are not in that order. */
    private String rangeText(KeyRange range) {
        return tables.keySpace() == KeySpace.INTEGER ? range.toString() : "md5 bucket " + range;
    }

    /** Row counts of the last scan, source then target, for the gauges operators compare at a glance. */
    public long[] lastRowCounts() {
        RangeChecksum[] totals = lastTotals;
        return new long[] {totals[0].rows(), totals[1].rows()};
    }

    private RangeReader sourceReader() throws SQLException {
        return new PostgresRangeReader(source.get(), tables.sourceDialect(), tables.sourceTable(), tables.sourceKeys(),
                tables.sourceColumns(), tables.sourceSums(), tables.sourceKeyNames(), tables.sourceNames(), tables.keySpace());
    }

    private RangeReader targetReader() throws SQLException {
        return new PostgresRangeReader(target.get(), tables.targetDialect(), tables.targetTable(), tables.targetKeys(),
                tables.targetColumns(), tables.targetSums(), tables.targetKeys().stream().map(SqlIdentifier::name).toList(),
                tables.targetColumns().stream().map(SqlIdentifier::name).toList(), tables.keySpace());
    }

    /** Drops the connections after a failure, so the next run starts on fresh ones. */
    public void reset() {
        source.reset();
        target.reset();
        evidence.reset();
    }

    public void close() {
        source.close();
        target.close();
        evidence.close();
    }
}
