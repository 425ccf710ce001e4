package dev.strangler.connect.bench.legacy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import dev.strangler.connect.harness.ConnectWorker;
import dev.strangler.connect.harness.HarnessLayout;
import dev.strangler.connect.harness.LocalStack;
import dev.strangler.connect.harness.PostgresServer;

/**
 * End-to-end legacy projection throughput on the real stack: the same pre-produced {@code CustomerChanged} records,
 * the same PostgreSQL, one table each, one task each, one after the other:
 *
 * <ul>
 *   <li><b>ours</b>: the legacy sink in upsert mode with the version guard (and its origin marker);</li>
 *   <li><b>debezium-jdbc</b>: Debezium's JDBC sink ({@code insert.mode=upsert}, key from the value), its defaults;</li>
 *   <li><b>debezium-jdbc-rewrite</b>: the same with pgjdbc's {@code reWriteBatchedInserts=true} in its URL;</li>
 *   <li><b>ours-schemaless</b>: ours reading the same payloads as JSON without the inline schema
 *       ({@code value.converter.schemas.enable=false}), as a user without schemas on the topic runs it;</li>
 *   <li><b>ours-avro</b>: ours reading the same records in Avro through the Apicurio converter (Confluent wire
 *       format, the harness's Apicurio Registry);</li>
 *   <li><b>ours-poll-2000</b>: ours with {@code consumer.override.max.poll.records=2000} (bigger put batches);</li>
 *   <li><b>connect-floor</b>: Kafka's FileStreamSink writing to {@code /dev/null}: what the worker alone (fetch,
 *       JsonConverter with schemas, offsets) costs for these records, so the sinks' gap to the ceiling can be split
 *       into framework and writer; timed from the task running to the group's offsets covering every record
 *       (committed every second), so a lower bound; <b>connect-floor-schemaless</b> and <b>connect-floor-avro</b>
 *       the same for the schemaless and the Avro records;</li>
 *   <li><b>raw-ceiling</b>: plain JDBC with our sink's statement for this mapping, one multi-row statement and one
 *       transaction per 500 rows, the rows read from the topic beforehand.</li>
 * </ul>
 *
 * <p>A sink's rate is taken from the table: from the first moment rows are seen until every key holds its last
 * version (records are in one partition, in version order, so that is the last record applied), counting only the
 * records applied after that first moment, so the task's start-up and consumer group join are not in the figure.
 * While a sink runs, the table is sampled by one primary-key lookup every 100 ms, not by a scan.
 *
 * <p>Arguments ({@code key=value}): {@code records} (300000), {@code keys} (100000), {@code rounds} (2), {@code warmup.rounds}
 * (1: rounds run first and not reported), {@code warmup.each} (false: when true, every timed run is preceded by an
 * untimed run of the same contender), {@code contenders}
 * (ours,debezium-jdbc,debezium-jdbc-rewrite,raw-ceiling), {@code stack.dir} (benchmarks/target/stack-legacy).
 * Needs the Debezium JDBC sink plugin directory: {@code ./mvnw -o -q -f benchmarks/debezium-connector-jdbc/pom.xml package}.
 */
public final class LegacySinkThroughputBenchmark {

    static final String DATABASE = "bench_legacy";
    static final String TOPIC = "bench.customer.changes";
    /** The same records without the inline schema, for the schemaless contenders. */
    static final String TOPIC_SCHEMALESS = "bench.customer.changes.schemaless";
    /** The same records in Avro (Confluent wire format, schema in the harness's Apicurio Registry). */
    static final String TOPIC_AVRO = "bench.customer.changes.avro";
    /** Both sinks' consumers fetch Connect's default 500 records per put; the ceiling commits as often. */
    static final int BATCH = 500;

    private LegacySinkThroughputBenchmark() {
    }

    private record Result(String contender, int round, double rowsPerSecond, double seconds, double wallSeconds) {
    }

    public static void main(String[] args) throws SQLException {
        Map<String, String> options = options(args);
        int records = Integer.parseInt(options.getOrDefault("records", "300000"));
        int keys = Integer.parseInt(options.getOrDefault("keys", "100000"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "2"));
        int warmupRounds = Integer.parseInt(options.getOrDefault("warmup.rounds", "1"));
        // The worker JVM is shared: a sink timed right after other plugins ran can meet code the JIT compiled for
        // them (run E and F: the first of ours after the ceiling and floors was the slowest of ours).
        boolean warmupEach = Boolean.parseBoolean(options.getOrDefault("warmup.each", "false"));
        if (records % keys != 0 || keys <= BATCH) {
            throw new IllegalArgumentException("records must be a multiple of keys, and keys above " + BATCH);
        }
        List<String> contenders = Arrays.stream(options.getOrDefault("contenders",
                "ours,ours-schemaless,ours-avro,ours-poll-2000,debezium-jdbc,debezium-jdbc-rewrite,connect-floor,connect-floor-schemaless,connect-floor-avro,raw-ceiling").split(",")).map(String::trim).toList();
        Path root = HarnessLayout.projectRoot();
        Path stackDir = Path.of(options.getOrDefault("stack.dir", root.resolve("benchmarks/target/stack-legacy").toString()));
        Path pluginPath = root.resolve("benchmarks/target/plugin-path");
        if (!Files.isDirectory(pluginPath.resolve("debezium-connector-jdbc"))) {
            throw new IllegalStateException(pluginPath.resolve("debezium-connector-jdbc") + " is missing; run"
                    + " ./mvnw -o -q -f benchmarks/debezium-connector-jdbc/pom.xml package");
        }

        System.out.printf(Locale.ROOT, "# legacy sink throughput: %d records over %d keys (%d versions each), %s%n",
                records, keys, records / keys, Instant.now());
        System.out.println("# load before start: " + loadAverage());
        List<Result> results = new ArrayList<>();
        try (LocalStack stack = LocalStack.start(stackDir, new ConnectWorker.Options().exactlyOnceSource(false).addPluginPath(pluginPath))) {
            // An interrupted run (Ctrl-C, kill) must not leave Postgres, Kafka and the worker running.
            Thread stopStack = new Thread(stack::close, "stop-benchmark-stack");
            Runtime.getRuntime().addShutdownHook(stopStack);
            PostgresServer postgres = stack.postgres();
            postgres.createDatabase(DATABASE);
            stack.kafka().createTopic(TOPIC, 1);
            CustomerChanges.produce(stack.kafka().bootstrapServers(), TOPIC, records, keys, true);
            stack.kafka().createTopic(TOPIC_SCHEMALESS, 1);
            CustomerChanges.produce(stack.kafka().bootstrapServers(), TOPIC_SCHEMALESS, records, keys, false);
            // The registry (a JVM of its own) runs only when an Avro contender is asked for; it idles between
            // the Avro contenders' schema look-ups (the converters cache them).
            String registryUrl = null;
            if (contenders.stream().anyMatch(c -> c.endsWith("-avro"))) {
                registryUrl = stack.registry().registryV2Url();
                stack.kafka().createTopic(TOPIC_AVRO, 1);
                AvroCustomerChanges.produce(stack.kafka().bootstrapServers(), TOPIC_AVRO, records, keys, registryUrl);
            }
            // Warm-up rounds run every contender once and are not reported: the worker JVM JIT-compiles the
            // converter and each sink's code paths there, so no contender is measured cold. Reported rounds then
            // alternate the order (odd rounds as given, even rounds reversed), so no contender always runs first
            // after another's load on the shared machine.
            for (int round = 1 - warmupRounds; round <= rounds; round++) {
                List<String> order = new ArrayList<>(contenders);
                if (round > 0 && round % 2 == 0) {
                    java.util.Collections.reverse(order);
                }
                for (String contender : order) {
                    if (round > 0 && warmupEach) {
                        // Untimed, right before the timed run: round numbers below -100 name these runs.
                        int warmupRun = -100 * round - order.indexOf(contender);
                        System.out.println("# warm-up of this contender (not reported) "
                                + run(stack, contender, registryUrl, "customer_" + contender.replace('-', '_') + "_e" + round, records, keys, warmupRun));
                    }
                    String table = "customer_" + contender.replace('-', '_') + "_r" + (round <= 0 ? "w" + (1 - round) : round);
                    Result result = run(stack, contender, registryUrl, table, records, keys, round);
                    System.out.println("# " + (round <= 0 ? "warm-up (not reported) " : "") + result);
                    if (round > 0) {
                        results.add(result);
                    }
                }
            }
            Runtime.getRuntime().removeShutdownHook(stopStack);
        }
        System.out.println("# load after: " + loadAverage());
        System.out.println();
        System.out.println("| round | contender | rows/s | timed (s) | wall incl. start (s) | vs raw ceiling (same round) | vs debezium-jdbc (same round) |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|");
        for (Result r : results) {
            double ceiling = results.stream().filter(o -> o.round() == r.round() && o.contender().equals("raw-ceiling"))
                    .mapToDouble(Result::rowsPerSecond).findFirst().orElse(Double.NaN);
            double debezium = results.stream().filter(o -> o.round() == r.round() && o.contender().equals("debezium-jdbc"))
                    .mapToDouble(Result::rowsPerSecond).findFirst().orElse(Double.NaN);
            System.out.printf(Locale.ROOT, "| %d | %s | %,.0f | %.1f | %.1f | %.0f %% | %.2fx |%n", r.round(), r.contender(),
                    r.rowsPerSecond(), r.seconds(), r.wallSeconds(), 100 * r.rowsPerSecond() / ceiling, r.rowsPerSecond() / debezium);
        }
        // The machine is shared: single rounds swing with its load. The median of the per-round ratios (each taken
        // within one round) is the summary figure; min and max show the spread.
        System.out.println();
        System.out.println("| contender | rows/s median (min–max) | vs raw ceiling, median of rounds (min–max) | vs debezium-jdbc, median of rounds (min–max) |");
        System.out.println("|---|---:|---:|---:|");
        for (String contender : contenders) {
            List<Double> rates = new ArrayList<>();
            List<Double> toCeiling = new ArrayList<>();
            List<Double> toDebezium = new ArrayList<>();
            for (Result r : results) {
                if (!r.contender().equals(contender)) {
                    continue;
                }
                rates.add(r.rowsPerSecond());
                results.stream().filter(o -> o.round() == r.round() && o.contender().equals("raw-ceiling")).findFirst()
                        .ifPresent(c -> toCeiling.add(100 * r.rowsPerSecond() / c.rowsPerSecond()));
                results.stream().filter(o -> o.round() == r.round() && o.contender().equals("debezium-jdbc")).findFirst()
                        .ifPresent(d -> toDebezium.add(r.rowsPerSecond() / d.rowsPerSecond()));
            }
            System.out.printf(Locale.ROOT, "| %s | %,.0f (%,.0f–%,.0f) | %.0f %% (%.0f–%.0f %%) | %.2fx (%.2f–%.2fx) |%n", contender,
                    median(rates), min(rates), max(rates), median(toCeiling), min(toCeiling), max(toCeiling),
                    median(toDebezium), min(toDebezium), max(toDebezium));
        }
    }

    private static Result run(LocalStack stack, String contender, String registryUrl, String table, int records, int keys, int round)
            throws SQLException {
        PostgresServer postgres = stack.postgres();
        postgres.execute(DATABASE, CustomerChanges.createTable(table));
        quietDatabase(postgres);
        return switch (contender) {
            case "raw-ceiling" -> ceiling(stack, table, records, round);
            case "connect-floor", "connect-floor-schemaless", "connect-floor-avro" -> floor(stack, contender, registryUrl, records, round);
            default -> sink(stack, contender, registryUrl, table, records, keys, round);
        };
    }

    /**
     * Each contender starts on a quiet database: the previous contender's dirty pages are flushed now (a checkpoint
     * would otherwise land in the middle of the next one) and no autovacuum worker is left running. Run D and
     * earlier did not do this; the first contender of a round, right after the ceiling's 300,000 writes, was the
     * slowest of ours in most rounds.
     */
    private static void quietDatabase(PostgresServer postgres) throws SQLException {
        try (Connection connection = postgres.connect(DATABASE); Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT");
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (true) {
                try (ResultSet workers = statement.executeQuery(
                        "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'")) {
                    workers.next();
                    if (workers.getLong(1) == 0) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("An autovacuum worker was still running after 2 minutes");
                }
                LockSupport.parkNanos(100_000_000L);
            }
        }
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static Result ceiling(LocalStack stack, String table, int records, int round) throws SQLException {
        PostgresServer postgres = stack.postgres();
        List<Object[]> rows = RawUpsertCeiling.readRows(stack.kafka().bootstrapServers(), TOPIC, records);
        try (Connection connection = postgres.connect(DATABASE)) {
            long nanos = RawUpsertCeiling.write(connection, postgres.jdbcUrl(DATABASE), table, rows, BATCH);
            return new Result("raw-ceiling", round, records / (nanos / 1e9), nanos / 1e9, nanos / 1e9);
        }
    }

    private static Result floor(LocalStack stack, String contender, String registryUrl, int records, int round) {
        String name = "bench-legacy-" + contender + "-r" + round;
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", "org.apache.kafka.connect.file.FileStreamSinkConnector");
        config.put("tasks.max", "1");
        config.put("file", "/dev/null");
        putTopicAndConverters(config, contender, registryUrl);
        long put = System.nanoTime();
        stack.connect().putConnector(name, config);
        stack.connect().awaitConnectorRunning(name, Duration.ofMinutes(3));
        // The floor is too fast for the first-rows method of the sinks (its first offset commit usually covers every
        // record): it is timed from the task running, so it includes the group join and up to one commit interval,
        // and is a lower bound.
        long running = System.nanoTime();
        TopicPartition partition = new TopicPartition(config.get("topics"), 0);
        long deadline = put + Duration.ofMinutes(30).toNanos();
        while (true) {
            long now = System.nanoTime();
            OffsetAndMetadata committed;
            try {
                committed = stack.kafka().admin().listConsumerGroupOffsets("connect-" + name)
                        .partitionsToOffsetAndMetadata().get().get(partition);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("Reading the floor's offsets failed", e);
            }
            long offset = committed == null ? 0 : committed.offset();
            if (offset >= records) {
                stack.connect().deleteConnector(name);
                double seconds = (now - running) / 1e9;
                return new Result(contender, round, records / seconds, seconds, (now - put) / 1e9);
            }
            if (now > deadline) {
                throw new IllegalStateException(contender + " committed " + offset + " of " + records + " in 30 min");
            }
            LockSupport.parkNanos(100_000_000L); // progress sampling interval
        }
    }

    private static Result sink(LocalStack stack, String contender, String registryUrl, String table, int records, int keys, int round) throws SQLException {
        PostgresServer postgres = stack.postgres();
        String name = "bench-legacy-" + contender + "-r" + round;
        long put = System.nanoTime();
        stack.connect().putConnector(name, connectorConfig(contender, postgres, registryUrl, table));
        stack.connect().awaitConnectorRunning(name, Duration.ofMinutes(3));
        long finalVersion = records / keys;
        long lastKey = CustomerChanges.id(records - 1L, keys);
        long deadline = put + Duration.ofMinutes(30).toNanos();
        long firstSeen = 0;
        long appliedAtFirstSeen = 0;
        // Sampling must not load the database the sink writes to: a scan of the whole table every 100 ms cost
        // PostgreSQL CPU the ceiling (not sampled) did not pay. While the table is empty the scan is free; after
        // that, one primary-key lookup of the last record's key: the records are in one partition in version
        // order and each sink writes them in order, so its final version is the last write. One full check then
        // confirms every key holds its final version (if not, sampling goes on with the full check).
        boolean fullCheck = false;
        try (Connection connection = postgres.connect(DATABASE); Statement statement = connection.createStatement()) {
            while (true) {
                long now = System.nanoTime();
                boolean done = false;
                if (firstSeen == 0) {
                    try (ResultSet progress = statement.executeQuery("SELECT count(*), coalesce(sum(version), 0) FROM " + table)) {
                        progress.next();
                        if (progress.getLong(1) > 0) {
                            firstSeen = now;
                            appliedAtFirstSeen = progress.getLong(2); // sum of versions = records applied so far
                        }
                    }
                } else if (!fullCheck) {
                    try (ResultSet last = statement.executeQuery("SELECT version FROM " + table + " WHERE id = " + lastKey)) {
                        if (last.next() && last.getLong(1) == finalVersion) {
                            fullCheck = true;
                        }
                    }
                }
                if (fullCheck) {
                    try (ResultSet progress = statement.executeQuery("SELECT count(*) FILTER (WHERE version = "
                            + finalVersion + ") FROM " + table)) {
                        progress.next();
                        done = progress.getLong(1) == keys;
                    }
                }
                if (done) {
                    stack.connect().deleteConnector(name);
                    double seconds = (now - firstSeen) / 1e9;
                    return new Result(contender, round, (records - appliedAtFirstSeen) / seconds, seconds, (now - put) / 1e9);
                }
                if (now > deadline) {
                    throw new IllegalStateException(contender + " did not apply every final version in 30 min: "
                            + stack.connect().status(name));
                }
                LockSupport.parkNanos(100_000_000L); // progress sampling interval
            }
        }
    }

    /**
     * The topic and value converter of a contender: by default JSON with the inline schema (Debezium's sink needs a
     * schema); {@code -schemaless} the same payloads without it ({@code schemas.enable=false}: JsonConverter parses
     * less and builds maps, which our sink reads like structs); {@code -avro} the same records in Avro through the
     * Apicurio converter and registry.
     */
    static void putTopicAndConverters(Map<String, String> config, String contender, String registryUrl) {
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        if (contender.endsWith("-avro")) {
            config.put("topics", TOPIC_AVRO);
            config.put("value.converter", AvroCustomerChanges.CONVERTER);
            AvroCustomerChanges.converterConfig(registryUrl).forEach((key, value) -> config.put("value.converter." + key, value));
            return;
        }
        boolean schemaless = contender.endsWith("-schemaless");
        config.put("topics", schemaless ? TOPIC_SCHEMALESS : TOPIC);
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", Boolean.toString(!schemaless));
    }

    static Map<String, String> connectorConfig(String contender, PostgresServer postgres, String registryUrl, String table) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("tasks.max", "1");
        putTopicAndConverters(config, contender, registryUrl);
        switch (contender) {
            case "ours", "ours-schemaless", "ours-avro", "ours-poll-2000" -> {
                if ("ours-poll-2000".equals(contender)) {
                    config.put("consumer.override.max.poll.records", "2000");
                }
                config.put("connector.class", "dev.strangler.connect.legacy.LegacySinkConnector");
                config.put("connection.url", postgres.jdbcUrl(DATABASE));
                config.put("connection.user", postgres.user());
                config.put("connection.password", postgres.password());
                config.put("event.type.source", "header:eventType");
                config.put("mapping", "{\"events\": {\"" + CustomerChanges.EVENT_TYPE + "\": {\"writes\": [{\"table\": \"" + table + "\","
                        + " \"mode\": \"upsert\", \"key\": [\"id\"], \"columns\": {\"id\": {\"field\": \"id\"},"
                        + " \"name\": {\"field\": \"name\"}, \"status\": {\"field\": \"status\"},"
                        + " \"amount_cents\": {\"field\": \"amount_cents\"}, \"city\": {\"field\": \"city\"}},"
                        + " \"guard\": {\"column\": \"version\", \"field\": \"version\"}}]}}}");
            }
            case "debezium-jdbc", "debezium-jdbc-rewrite" -> {
                config.put("connector.class", "io.debezium.connector.jdbc.JdbcSinkConnector");
                config.put("connection.url", postgres.jdbcUrl(DATABASE)
                        + ("debezium-jdbc-rewrite".equals(contender) ? "?reWriteBatchedInserts=true" : ""));
                config.put("connection.username", postgres.user());
                config.put("connection.password", postgres.password());
                config.put("insert.mode", "upsert");
                config.put("primary.key.mode", "record_value");
                config.put("primary.key.fields", "id");
                config.put("schema.evolution", "none");
                config.put("collection.name.format", table);
            }
            default -> throw new IllegalArgumentException("Unknown contender " + contender
                    + "; use ours, ours-schemaless, ours-avro, ours-poll-2000, debezium-jdbc, debezium-jdbc-rewrite, connect-floor,"
                    + " connect-floor-schemaless, connect-floor-avro or raw-ceiling");
        }
        return config;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("Arguments are key=value, not " + arg);
            }
            options.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        return options;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
