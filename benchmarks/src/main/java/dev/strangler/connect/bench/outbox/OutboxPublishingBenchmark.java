package dev.strangler.connect.bench.outbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import dev.strangler.connect.harness.Await;
import dev.strangler.connect.harness.ConnectWorker;
import dev.strangler.connect.harness.HarnessLayout;
import dev.strangler.connect.harness.LocalStack;

/**
 * End-to-end outbox publishing on the real stack (PostgreSQL, Kafka, a Connect worker with exactly-once source
 * support), our connector beside Debezium's Postgres connector + outbox EventRouter, on the same workload in one run:
 *
 * <ol>
 *   <li><b>drain rate</b>: a backlog of events already committed when the connector starts, published to a
 *       {@code read_committed} consumer; events per second from the first to the last arrival;</li>
 *   <li><b>end-to-end latency</b>: single-event service transactions committed at a fixed offered rate; per event,
 *       the time from its commit returning to the writer until a {@code read_committed} consumer received it
 *       (writer and consumer share this JVM's clock), p50/p99/p99.9/max after a warm-up.</li>
 * </ol>
 *
 * <p>Arguments ({@code key=value}): {@code backlog} (100000), {@code rate} (events/s, 5000), {@code seconds} (20),
 * {@code warmup.seconds} (2), {@code writers} (8), {@code contenders} (ours-poll,ours-notify,debezium; also
 * ours-poll-fixed, ours-poll-b5000), {@code rounds} (1), {@code warmup.rounds} (2: every contender that often with the full workload,
 * printed as warm-up and not for comparison; after one warm-up round the worker and this JVM still spent 3 s each of
 * JIT compilation in the next round's 15 s of load, and that round was slower for every contender), {@code quiet}
 * (false: when true, wait before every contender until no connector, walsender, autovacuum worker or running query is
 * left), {@code fresh.worker} (false: when true, every contender starts on a newly started worker JVM, a cold
 * comparison), {@code stack.dir} (benchmarks/target/stack-outbox). Prints a Markdown table, and per contender what
 * else was running during its latency phase and its p99 per second.
 */
public final class OutboxPublishingBenchmark {

    private OutboxPublishingBenchmark() {
    }

    /** What one contender achieved; warm-up rounds are printed apart and are not the comparison. */
    private record Result(OutboxContender contender, int round, boolean warmup, double drainPerSecond, double drainWallSeconds,
                          double offeredPerSecond, double p50, double p99, double p999, double max, int latencyEvents, int missing,
                          long duplicates, double toAppendP50, double toAppendP99, double afterAppendP50, double afterAppendP99) {
    }

    public static void main(String[] args) {
        Map<String, String> options = options(args);
        int backlog = Integer.parseInt(options.getOrDefault("backlog", "100000"));
        int rate = Integer.parseInt(options.getOrDefault("rate", "5000"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "20"));
        int warmupSeconds = Integer.parseInt(options.getOrDefault("warmup.seconds", "2"));
        int writers = Integer.parseInt(options.getOrDefault("writers", "8"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "1"));
        int warmupRounds = Integer.parseInt(options.getOrDefault("warmup.rounds", "2"));
        boolean quiet = Boolean.parseBoolean(options.getOrDefault("quiet", "false"));
        boolean freshWorker = Boolean.parseBoolean(options.getOrDefault("fresh.worker", "false"));
        List<OutboxContender> contenders = Arrays.stream(options.getOrDefault("contenders", "ours-poll,ours-notify,debezium").split(","))
                .map(String::trim).map(OutboxContender::fromLabel).toList();
        Path stackDir = Path.of(options.getOrDefault("stack.dir",
                HarnessLayout.projectRoot().resolve("benchmarks/target/stack-outbox").toString()));

        System.out.printf(Locale.ROOT, "# outbox publishing: backlog %d, offered %d events/s for %d s (%d writers), %d warm-up + %d rounds, quiet=%s, fresh.worker=%s, %s%n",
                backlog, rate, seconds, writers, warmupRounds, rounds, quiet, freshWorker, Instant.now());
        System.out.println("# load before start: " + loadAverage());
        List<Result> results = new ArrayList<>();
        try (LocalStack stack = LocalStack.start(stackDir, new ConnectWorker.Options().exactlyOnceSource(true))) {
            // An interrupted run (Ctrl-C, kill) must not leave Postgres, Kafka and the worker running.
            Thread stopStack = new Thread(stack::close, "stop-benchmark-stack");
            Runtime.getRuntime().addShutdownHook(stopStack);
            // Warm-up rounds run every contender once on the cold worker (JIT, class loading, producers, the
            // Debezium plugin's first start) and are not the comparison: whoever ran first on a cold JVM would
            // otherwise lose by position alone. Reported rounds then rotate the order, so no contender is always
            // first or always last.
            for (int round = 1; round <= warmupRounds + rounds; round++) {
                boolean warmup = round <= warmupRounds;
                List<OutboxContender> order = warmup ? contenders : rotated(contenders, round - warmupRounds - 1);
                for (OutboxContender contender : order) {
                    if (freshWorker) {
                        // A cold comparison: every contender starts on a new worker JVM, none inherits JIT or heap.
                        stack.connect().restartWorker();
                    }
                    if (quiet) {
                        long waitStart = System.nanoTime();
                        Await.until("no connector, walsender, autovacuum or running query left before " + contender.label,
                                Duration.ofMinutes(5), () -> SystemSampler.quiet(stack));
                        System.out.printf(Locale.ROOT, "# quiet after %.1f s before %s%n", (System.nanoTime() - waitStart) / 1e9, contender.label);
                    }
                    Result result = measure(stack, contender, round, warmup, backlog, rate, seconds, warmupSeconds, writers);
                    results.add(result);
                    System.out.println("# " + result);
                }
            }
            Runtime.getRuntime().removeShutdownHook(stopStack);
        }
        System.out.println("# load after: " + loadAverage());
        System.out.println();
        System.out.println("| round | contender | drain (events/s) | drain wall incl. start (s) | offered (events/s) | p50 (ms) | p99 (ms) | p99.9 (ms) | max (ms) | commit->append p50 / p99 (ms) | append->consumer p50 / p99 (ms) | events timed | missing | duplicates |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "| %s | %s | %,.0f | %.1f | %,.0f | %.1f | %.1f | %.1f | %.1f | %.0f / %.0f | %.0f / %.0f | %,d | %d | %d |%n",
                    r.warmup() ? "warm-up " + r.round() : Integer.toString(r.round() - warmupRounds), r.contender().label,
                    r.drainPerSecond(), r.drainWallSeconds(), r.offeredPerSecond(), r.p50(), r.p99(),
                    r.p999(), r.max(), r.toAppendP50(), r.toAppendP99(), r.afterAppendP50(), r.afterAppendP99(),
                    r.latencyEvents(), r.missing(), r.duplicates());
        }
    }

    private static List<OutboxContender> rotated(List<OutboxContender> contenders, int by) {
        List<OutboxContender> order = new ArrayList<>(contenders);
        java.util.Collections.rotate(order, -(by % order.size()));
        return order;
    }

    private static Result measure(LocalStack stack, OutboxContender contender, int round, boolean warmupRound, int backlog, int rate, int seconds,
                                  int warmupSeconds, int writers) {
        OutboxWorkload workload = new OutboxWorkload(stack.postgres(), contender.database(round), contender.aggregateType(round));
        workload.createTable(contender.notifyTrigger);
        if (contender == OutboxContender.DEBEZIUM) {
            workload.createPublicationAndSlot(contender.slotName(round));
        }
        createTopicWithAppendTime(stack, contender.topic(round));
        workload.writeBacklog(0, backlog);
        int latencyEvents = rate * seconds;
        try (EventArrivals arrivals = new EventArrivals(stack.kafka().bootstrapServers(), contender.topic(round), backlog + latencyEvents)) {
            // 1. Drain: the connector starts on a committed backlog.
            long put = System.nanoTime();
            stack.connect().putConnector(contender.connectorName(round), contender.connectorConfig(stack.postgres(), round));
            stack.connect().awaitConnectorRunning(contender.connectorName(round), Duration.ofMinutes(3));
            Await.until(contender.label + " drains the backlog of " + backlog, Duration.ofMinutes(20),
                    () -> running(stack, contender, round) && arrivals.distinct() >= backlog);
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (int seq = 0; seq < backlog; seq++) {
                first = Math.min(first, arrivals.arrival(seq));
                last = Math.max(last, arrivals.arrival(seq));
            }
            int inFirstPoll = 0;
            for (int seq = 0; seq < backlog; seq++) {
                if (arrivals.arrival(seq) == first) {
                    inFirstPoll++;
                }
            }
            // Events after the first consumer poll over the time after it: the start-up is not the drain rate.
            double drainPerSecond = (backlog - inFirstPoll) / ((last - first) / 1e9);
            double drainWall = (last - put) / 1e9;

            // 2. Latency at a fixed offered rate.
            long[] commits = new long[latencyEvents];
            SystemSampler sampler = new SystemSampler(stack);
            long span = workload.writeAtRate(backlog, latencyEvents, rate, writers, commits);
            double offered = (latencyEvents - 1) / (span / 1e9);
            try {
                Await.until(contender.label + " publishes the " + latencyEvents + " timed events", Duration.ofMinutes(3),
                        () -> running(stack, contender, round) && arrivals.distinct() >= backlog + latencyEvents);
            } catch (AssertionError timedOut) {
                System.err.println("# " + timedOut.getMessage() + ": counting the rest as missing");
            }
            SystemSampler.Summary system = sampler.finish();
            int warmup = Math.min(latencyEvents - 1, rate * warmupSeconds);
            long[] latencies = new long[latencyEvents - warmup];
            long[] toAppend = new long[latencyEvents - warmup];
            long[] afterAppend = new long[latencyEvents - warmup];
            int timed = 0;
            int missing = 0;
            for (int k = warmup; k < latencyEvents; k++) {
                long arrival = arrivals.arrival(backlog + k);
                if (arrival == 0) {
                    missing++;
                } else {
                    long appendNanos = arrivals.appended(backlog + k) * 1_000_000L - WALL_MINUS_NANO_TIME;
                    toAppend[timed] = appendNanos - commits[k];
                    afterAppend[timed] = arrival - appendNanos;
                    latencies[timed++] = arrival - commits[k];
                }
            }
            long[] sorted = Arrays.copyOf(latencies, timed);
            Arrays.sort(sorted);
            long[] sortedToAppend = Arrays.copyOf(toAppend, timed);
            Arrays.sort(sortedToAppend);
            long[] sortedAfterAppend = Arrays.copyOf(afterAppend, timed);
            Arrays.sort(sortedAfterAppend);
            System.out.println("# " + contender.label + " round " + round + " latency phase: " + system.line());
            System.out.println("# " + contender.label + " round " + round + " p99 (ms) per second of commits: "
                    + perSecondP99(commits, arrivals, backlog, rate));
            stack.connect().deleteConnector(contender.connectorName(round));
            if (contender == OutboxContender.DEBEZIUM) {
                workload.dropSlotWhenInactive(contender.slotName(round));
            }
            return new Result(contender, round, warmupRound, drainPerSecond, drainWall, offered, millis(sorted, 0.50), millis(sorted, 0.99),
                    millis(sorted, 0.999), millis(sorted, 1.0), timed, missing, arrivals.duplicates(), millis(sortedToAppend, 0.50),
                    millis(sortedToAppend, 0.99), millis(sortedAfterAppend, 0.50), millis(sortedAfterAppend, 0.99));
        }
    }

    /** The p99 of the events committed in each second of the latency phase, warm-up seconds included: when the tail happens. */
    private static String perSecondP99(long[] commits, EventArrivals arrivals, int backlog, int rate) {
        StringBuilder line = new StringBuilder();
        for (int from = 0; from < commits.length; from += rate) {
            int to = Math.min(commits.length, from + rate);
            long[] second = new long[to - from];
            int n = 0;
            for (int k = from; k < to; k++) {
                long arrival = arrivals.arrival(backlog + k);
                if (arrival != 0) {
                    second[n++] = arrival - commits[k];
                }
            }
            long[] sorted = Arrays.copyOf(second, n);
            Arrays.sort(sorted);
            line.append(String.format(Locale.ROOT, "%.0f ", millis(sorted, 0.99)));
        }
        return line.toString().trim();
    }

    /**
     * Wall clock minus {@code System.nanoTime()}, taken once: converts the broker's append times (wall-clock ms, same
     * machine) to this JVM's nanoTime scale, on which commits and arrivals are measured. Millisecond resolution.
     */
    private static final long WALL_MINUS_NANO_TIME = System.currentTimeMillis() * 1_000_000L - System.nanoTime();

    /**
     * The contender's topic, one partition, with LogAppendTime timestamps: every record then carries the moment the
     * broker appended it, which splits the latency at the broker.
     */
    private static void createTopicWithAppendTime(LocalStack stack, String topic) {
        try {
            stack.kafka().admin().createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                    .configs(Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime")))).all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not create topic " + topic, e);
        }
    }

    /** Stops a wait at once when the contender's task failed (its trace is in the error). */
    private static boolean running(LocalStack stack, OutboxContender contender, int round) {
        for (var task : stack.connect().status(contender.connectorName(round)).path("tasks")) {
            if ("FAILED".equals(task.path("state").asText())) {
                throw new AssertionError(contender.label + " task FAILED: " + task.path("trace").asText());
            }
        }
        return true;
    }

    private static double millis(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
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
