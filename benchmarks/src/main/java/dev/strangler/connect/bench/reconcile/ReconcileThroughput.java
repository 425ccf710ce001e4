package dev.strangler.connect.bench.reconcile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;

import dev.strangler.connect.core.metrics.PluginMetricsRecorder;
import dev.strangler.connect.harness.PostgresServer;
import dev.strangler.connect.reconcile.compare.Outcome;
import dev.strangler.connect.reconcile.state.StateCheck;

import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Issue 6's measure, in one run against one PostgreSQL: (a) records/s compared by the reconcile sink's streaming
 * comparison, (b) rows/s of its state-level checksum and bisection scan (and (b'), the same reading the two tables one
 * after the other instead of at once), and (c) a pure-SQL FULL OUTER JOIN +
 * row-hash diff of the same two tables, the physical reference. Differences of every kind are injected first, and
 * each alternative must find exactly those (the stream cannot see rows missing in the source: it only sees source
 * records), or the run fails: a fast wrong answer is no result.
 *
 * <p>Usage: {@code bin/bench main dev.strangler.connect.bench.reconcile.ReconcileThroughput [rows] [trials]}.
 */
public final class ReconcileThroughput {

    private static final String DATABASE = "reconcile_bench";
    private static final int PUT_BATCH = 500; // the worker's default consumer max.poll.records

    private ReconcileThroughput() {
    }

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 500_000;
        int trials = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path workDir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "strangler-bench-reconcile"));
        System.out.printf("Reconcile throughput: %,d rows per table, %d trials of (b) and (c), put batches of %d; JDK %s, %d cores, load %s%n",
                rows, trials, PUT_BATCH, Runtime.version(), Runtime.getRuntime().availableProcessors(), load());
        try (PostgresServer postgres = PostgresServer.start(workDir)) {
            postgres.createDatabase(DATABASE);
            Map<String, String> config = connectorConfig(postgres);
            try (Connection connection = postgres.connect(DATABASE)) {
                long start = System.nanoTime();
                Map<Long, Outcome> injected = PolicyTables.create(connection, rows);
                System.out.printf("Tables filled in %.1f s; injected %s%n", seconds(start), injected);
                List<SinkRecord> records = StreamComparison.records(connection);

                SqlJoinDiff.run(connection); // warms the buffer cache for everyone and the planner's statistics
                System.out.println("Plan of (c): " + SqlJoinDiff.plan(connection));

                // First, because the task creates the evidence tables the state check's confirmation writes to.
                double[] stream = streamComparison(config, records);
                // The same records again through the same task: JIT-compiled, caches warm, pending rows refreshed.
                double[] streamAgain = streamComparison(config, records);
                Map<Long, Outcome> expectedByStream = filter(injected, kind -> kind != Outcome.MISSING_IN_SOURCE);
                require("stream", StreamComparison.pending(connection), expectedByStream);

                List<Double> join = new ArrayList<>();
                for (int t = 0; t < trials; t++) {
                    start = System.nanoTime();
                    Map<Long, Outcome> found = SqlJoinDiff.run(connection);
                    join.add(seconds(start));
                    require("SQL join", found, injected);
                }

                List<Double> state = new ArrayList<>();
                StateCheck check = StateScan.stateCheck(config, PluginMetricsRecorder.detached());
                StateCheck.Scan scan = null;
                for (int t = 0; t < trials; t++) {
                    start = System.nanoTime();
                    scan = check.scan();
                    state.add(seconds(start));
                    require("state check", StateScan.candidates(scan), injected);
                }
                start = System.nanoTime();
                int confirmed = check.confirm(Objects.requireNonNull(scan)).size();
                double confirmSeconds = seconds(start);
                check.close();

                List<Double> sequential = new ArrayList<>();
                StateCheck oneSideAtATime = StateScan.sequentialStateCheck(config, PluginMetricsRecorder.detached());
                for (int t = 0; t < trials; t++) {
                    start = System.nanoTime();
                    StateCheck.Scan sequentialScan = oneSideAtATime.scan();
                    sequential.add(seconds(start));
                    require("state check, sides one after the other", StateScan.candidates(sequentialScan), injected);
                }
                oneSideAtATime.close();

                double joinRate = rows / median(join);
                double stateRate = rows / median(state);
                double sequentialRate = rows / median(sequential);
                System.out.println();
                System.out.printf("(c) SQL FULL OUTER JOIN + md5 diff       %,10.0f rows/s   (median of %s s)%n", joinRate, format(join));
                System.out.printf("(b) state check scan (sides at once)     %,10.0f rows/s   (median of %s s; %d ranges, %d rows fetched; confirm of %d candidates %.2f s)%n",
                        stateRate, format(state), scan.result().rangesChecked(), scan.result().rowsFetched(), confirmed, confirmSeconds);
                System.out.printf("(b') the same, one side after the other %,10.0f rows/s   (median of %s s)%n",
                        sequentialRate, format(sequential));
                double streamRate = records.size() / Math.min(stream[0], streamAgain[0]);
                System.out.printf("(a) stream comparison (sink task)        %,10.0f records/s (best pass; passes %.1f s and %.1f s for %,d records; "
                                + "second halves %,.0f and %,.0f records/s)%n", streamRate, stream[0], streamAgain[0], records.size(),
                        (records.size() / 2.0) / stream[1], (records.size() / 2.0) / streamAgain[1]);
                System.out.printf("Ratios to (c): state %.2f (sides one after the other %.2f), stream %.2f (target >= 0.5). "
                                + "All found the injected differences. Load after: %s%n",
                        stateRate / joinRate, sequentialRate / joinRate, streamRate / joinRate, load());
            }
        }
    }

    /** @return total seconds, seconds of the second half */
    private static double[] streamComparison(Map<String, String> config, List<SinkRecord> records) {
        try (StreamComparison stream = new StreamComparison(config)) { // started untimed: connections, catalogue
            int half = records.size() / 2;
            long start = System.nanoTime();
            long halfway = start;
            for (int from = 0; from < records.size(); from += PUT_BATCH) {
                if (from >= half && halfway == start) {
                    halfway = System.nanoTime();
                }
                stream.put(records.subList(from, Math.min(records.size(), from + PUT_BATCH)));
            }
            long end = System.nanoTime();
            return new double[] {(end - start) / 1e9, (end - halfway) / 1e9};
        }
    }

    static Map<String, String> connectorConfig(PostgresServer postgres) {
        Map<String, String> config = new HashMap<>();
        config.put("name", StreamComparison.CONNECTOR);
        config.put("connector.class", "dev.strangler.connect.reconcile.ReconcileSinkConnector");
        config.put("topics", StreamComparison.TOPIC);
        config.put("target.connection.url", postgres.jdbcUrl(DATABASE));
        config.put("target.connection.user", postgres.user());
        config.put("target.connection.password", postgres.password());
        config.put("target.table", PolicyTables.TARGET_TABLE);
        config.put("scope", "policy");
        config.put("mapping.key", "policy_id:policy_id");
        config.put("mapping.fields", "holder:holder_name,premium,rate,status,updated_at");
        config.put("recheck.grace.period.ms", "3600000"); // longer than the run: differences stay pending, none confirmed
        // The state check's source: the legacy table in the same database. No state.check.interval.ms: the benchmark
        // runs the scan itself, so that it can time it.
        config.put("source.connection.url", postgres.jdbcUrl(DATABASE));
        config.put("source.connection.user", postgres.user());
        config.put("source.connection.password", postgres.password());
        config.put("state.source.table", PolicyTables.SOURCE_TABLE);
        return config;
    }

    private static void require(String alternative, Map<Long, Outcome> found, Map<Long, Outcome> expected) {
        if (!found.equals(expected)) {
            throw new IllegalStateException(alternative + " found " + new TreeMap<>(found) + " but the injected differences are " + expected);
        }
    }

    private static Map<Long, Outcome> filter(Map<Long, Outcome> differences, Predicate<Outcome> kind) {
        Map<Long, Outcome> kept = new TreeMap<>();
        differences.forEach((key, outcome) -> {
            if (kind.test(outcome)) {
                kept.put(key, outcome);
            }
        });
        return kept;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String format(List<Double> values) {
        return values.stream().map(v -> String.format("%.2f", v)).toList().toString();
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
