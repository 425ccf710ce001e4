package dev.strangler.connect.bench.outbox;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;

import dev.strangler.connect.harness.LocalStack;
import dev.strangler.connect.harness.WorkerJmx;

/**
 * What else the stack was doing while one contender was timed: sampled every 200 ms from a thread of the benchmark
 * JVM, so a slow round can be traced to a cause instead of guessed at. PostgreSQL: autovacuum workers (and what they
 * work on), walsenders (a Debezium slot still streaming), the oldest running transaction and the oldest snapshot xmin
 * of any other backend (the xmin horizon is cluster-wide, so any long transaction holds our ready-rows boundary back),
 * checkpoints. The worker JVM (over JMX) and this JVM: GC time and JIT compilation time spent in the window.
 */
final class SystemSampler implements AutoCloseable {

    /** One window's findings, printed beside the contender's figures. */
    record Summary(int samples, int autovacuumSamples, String autovacuumOn, int walsenderSamples, double maxTransactionMillis,
                   long maxXminAge, long checkpoints, long workerGcMillis, long workerJitMillis, long benchGcMillis, long benchJitMillis) {

        String line() {
            return String.format(Locale.ROOT,
                    "autovacuum in %d/%d samples%s, walsender in %d, longest other xact %.0f ms, oldest xmin age %d xids,"
                            + " checkpoints %d, worker GC %d ms, worker JIT %d ms, bench GC %d ms, bench JIT %d ms",
                    autovacuumSamples, samples, autovacuumOn.isEmpty() ? "" : " (" + autovacuumOn + ")", walsenderSamples,
                    maxTransactionMillis, maxXminAge, checkpoints, workerGcMillis, workerJitMillis, benchGcMillis, benchJitMillis);
        }
    }

    private final LocalStack stack;
    private final Thread thread;
    private volatile boolean stop;

    private int samples;
    private int autovacuumSamples;
    private final TreeSet<String> autovacuumOn = new TreeSet<>();
    private int walsenderSamples;
    private double maxTransactionMillis;
    private long maxXminAge;
    private long checkpointsAtStart = -1;
    private long checkpointsNow;
    private final long[] workerAtStart;
    private final long[] benchAtStart;

    SystemSampler(LocalStack stack) {
        this.stack = stack;
        this.workerAtStart = workerGcAndJit();
        this.benchAtStart = benchGcAndJit();
        this.thread = new Thread(this::run, "outbox-bench-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try (Connection connection = stack.postgres().connect("postgres"); Statement statement = connection.createStatement()) {
            while (!stop) {
                sample(statement);
                LockSupport.parkNanos(200_000_000L); // the sampling period, not a synchronisation
            }
        } catch (SQLException e) {
            System.err.println("# sampler stopped: " + e.getMessage());
        }
    }

    private void sample(Statement statement) throws SQLException {
        boolean autovacuum = false;
        boolean walsender = false;
        double longest = 0;
        long xminAge = 0;
        try (ResultSet rows = statement.executeQuery(
                "SELECT backend_type, datname, query, state, extract(epoch FROM clock_timestamp() - xact_start) * 1000,"
                        + " age(backend_xmin) FROM pg_stat_activity WHERE pid <> pg_backend_pid()")) {
            while (rows.next()) {
                String type = rows.getString(1);
                if ("autovacuum worker".equals(type)) {
                    autovacuum = true;
                    synchronized (autovacuumOn) {
                        autovacuumOn.add(rows.getString(2) + ": " + abbreviate(rows.getString(3)));
                    }
                } else if ("walsender".equals(type)) {
                    walsender = true;
                }
                if (rows.getObject(5) != null && !"idle".equals(rows.getString(4))) {
                    longest = Math.max(longest, rows.getDouble(5));
                }
                xminAge = Math.max(xminAge, rows.getLong(6));
            }
        }
        long checkpoints;
        try (ResultSet rows = statement.executeQuery("SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter")) {
            rows.next();
            checkpoints = rows.getLong(1);
        }
        synchronized (this) {
            samples++;
            autovacuumSamples += autovacuum ? 1 : 0;
            walsenderSamples += walsender ? 1 : 0;
            maxTransactionMillis = Math.max(maxTransactionMillis, longest);
            maxXminAge = Math.max(maxXminAge, xminAge);
            if (checkpointsAtStart < 0) {
                checkpointsAtStart = checkpoints;
            }
            checkpointsNow = checkpoints;
        }
    }

    /**
     * Whether nothing of a previous contender is still at work: no connector on the worker, no walsender (a Debezium
     * slot still streaming), no autovacuum worker and no other non-idle backend in PostgreSQL. The harness waits for
     * this before every contender when asked to ({@code quiet=true}), the same for all of them.
     */
    static boolean quiet(LocalStack stack) {
        if (stack.connect().get("/connectors").size() > 0) {
            return false;
        }
        try (Connection connection = stack.postgres().connect("postgres"); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE pid <> pg_backend_pid()"
                     + " AND (backend_type IN ('autovacuum worker', 'walsender')"
                     + " OR (backend_type = 'client backend' AND state <> 'idle'))")) {
            rows.next();
            return rows.getLong(1) == 0;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read pg_stat_activity", e);
        }
    }

    private static String abbreviate(String query) {
        if (query == null) {
            return "";
        }
        return query.length() > 60 ? query.substring(0, 60) : query;
    }

    /** Stops sampling and sums up the window. */
    Summary finish() {
        stop = true;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long[] worker = workerGcAndJit();
        long[] bench = benchGcAndJit();
        synchronized (this) {
            return new Summary(samples, autovacuumSamples, String.join("; ", autovacuumOn), walsenderSamples, maxTransactionMillis,
                    maxXminAge, checkpointsNow - Math.max(0, checkpointsAtStart), worker[0] - workerAtStart[0],
                    worker[1] - workerAtStart[1], bench[0] - benchAtStart[0], bench[1] - benchAtStart[1]);
        }
    }

    private long[] workerGcAndJit() {
        try (WorkerJmx jmx = stack.connect().jmx()) {
            long gc = 0;
            for (Map.Entry<String, Object> entry : jmx.attributes("java.lang:type=GarbageCollector,*").entrySet()) {
                if (entry.getKey().endsWith("/CollectionTime")) {
                    gc += ((Number) entry.getValue()).longValue();
                }
            }
            Object jit = jmx.attributes("java.lang:type=Compilation").get("java.lang:type=Compilation/TotalCompilationTime");
            return new long[] {gc, jit == null ? 0 : ((Number) jit).longValue()};
        } catch (RuntimeException e) {
            System.err.println("# worker JMX unreadable: " + e.getMessage());
            return new long[] {0, 0};
        }
    }

    private static long[] benchGcAndJit() {
        long gc = 0;
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            gc += Math.max(0, bean.getCollectionTime());
        }
        return new long[] {gc, ManagementFactory.getCompilationMXBean().getTotalCompilationTime()};
    }

    @Override
    public void close() {
        stop = true;
    }
}
