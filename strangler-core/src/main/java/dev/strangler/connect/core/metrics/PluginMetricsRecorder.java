package dev.strangler.connect.core.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.common.metrics.stats.Rate;
import org.apache.kafka.common.utils.Time;

/**
 * The one way our plugins publish metrics: through KIP-877 {@link PluginMetrics}, which the worker tags with the
 * connector, task and plugin so operators find them beside Connect's own. Counters and timers are created on first
 * use and cached, so a counter per reason or per table costs one map lookup per event.
 *
 * <p>Without a worker (unit tests, benchmarks) use {@link #detached()}: it counts in memory, so tests can assert
 * what would have been reported.
 */
public final class PluginMetricsRecorder implements AutoCloseable {

    /**
     * Kafka's PluginMetrics registers sensors by name in the worker's one shared registry, so two plugin instances
     * (two tasks, two transforms of one chain) asking for a sensor of the same name would share it and count each
     * other's events. Sensor names are internal; prefixing them per recorder keeps instances apart while the metric
     * names and tags users see stay as documented.
     */
    private static final AtomicLong INSTANCES = new AtomicLong();

    private final PluginMetrics pluginMetrics;
    private final String sensorPrefix = "strangler-" + INSTANCES.incrementAndGet() + ":";
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, MetricName> gauges = new ConcurrentHashMap<>();

    private PluginMetricsRecorder(PluginMetrics pluginMetrics) {
        this.pluginMetrics = pluginMetrics;
    }

    /** Metrics published through the worker; {@code pluginMetrics} may be null when the runtime offers none. */
    public static PluginMetricsRecorder of(PluginMetrics pluginMetrics) {
        return new PluginMetricsRecorder(pluginMetrics);
    }

    /** Metrics kept only in memory: for unit tests and for plugins running outside a worker. */
    public static PluginMetricsRecorder detached() {
        return new PluginMetricsRecorder(null);
    }

    /**
     * A monotonically increasing count, published as {@code <name>-total} and {@code <name>-rate} (per second).
     * Tags distinguish series of the same name, e.g. {@code reason=unknown-code}.
     */
    public Counter counter(String name, String description, Map<String, String> tags) {
        return counters.computeIfAbsent(seriesKey(name, tags), key -> new Counter(register(key, name, description, tags, Kind.COUNTER)));
    }

    public Counter counter(String name, String description) {
        return counter(name, description, Map.of());
    }

    /** A duration in milliseconds, published as {@code <name>-avg} and {@code <name>-max}. */
    public Timer timer(String name, String description, Map<String, String> tags) {
        return timers.computeIfAbsent(seriesKey(name, tags), key -> new Timer(register(key, name, description, tags, Kind.TIMER)));
    }

    public Timer timer(String name, String description) {
        return timer(name, description, Map.of());
    }

    /** A value read when the metric is scraped, e.g. the age of the oldest unpublished outbox row. */
    public void gauge(String name, String description, Map<String, String> tags, Supplier<? extends Number> value) {
        if (pluginMetrics == null) {
            return;
        }
        gauges.computeIfAbsent(seriesKey(name, tags), key -> {
            MetricName metricName = pluginMetrics.metricName(name, description, new LinkedHashMap<>(tags));
            pluginMetrics.addMetric(metricName, (Gauge<Double>) (config, now) -> {
                Number current = value.get();
                return current == null ? Double.NaN : current.doubleValue();
            });
            return metricName;
        });
    }

    public void gauge(String name, String description, Supplier<? extends Number> value) {
        gauge(name, description, Map.of(), value);
    }

    @Override
    public void close() {
        if (pluginMetrics == null) {
            return;
        }
        // The worker also removes plugin metrics when the plugin closes; removing ours first keeps a
        // reconfigured plugin from colliding with the series of its predecessor.
        counters.keySet().forEach(key -> pluginMetrics.removeSensor(sensorPrefix + key));
        timers.keySet().forEach(key -> pluginMetrics.removeSensor(sensorPrefix + key));
        gauges.values().forEach(pluginMetrics::removeMetric);
        counters.clear();
        timers.clear();
        gauges.clear();
    }

    private enum Kind { COUNTER, TIMER }

    private Sensor register(String sensorName, String name, String description, Map<String, String> tags, Kind kind) {
        if (pluginMetrics == null) {
            return null;
        }
        Sensor sensor = pluginMetrics.addSensor(sensorPrefix + sensorName);
        LinkedHashMap<String, String> orderedTags = new LinkedHashMap<>(tags);
        if (kind == Kind.COUNTER) {
            sensor.add(pluginMetrics.metricName(name + "-total", description + " (total)", orderedTags), new CumulativeSum());
            sensor.add(pluginMetrics.metricName(name + "-rate", description + " (per second)", orderedTags), new Rate());
        } else {
            sensor.add(pluginMetrics.metricName(name + "-avg", description + " (average, ms)", orderedTags), new Avg());
            sensor.add(pluginMetrics.metricName(name + "-max", description + " (maximum, ms)", orderedTags), new Max());
        }
        return sensor;
    }

    /**
     * The time to record events with: the system clock, which is the worker's metrics clock ({@code Time.SYSTEM}).
     * Counters record as {@link Sensor#record(double)} does, but with the time passed in and without the quota
     * check: our sensors never carry a quota, and on a per-record path both the walk over the sensor's metrics and
     * a clock read per series cost as much as the count itself.
     */
    public static long now() {
        return Time.SYSTEM.milliseconds();
    }

    private static String seriesKey(String name, Map<String, String> tags) {
        if (tags.isEmpty()) {
            return name;
        }
        StringBuilder key = new StringBuilder(name);
        new TreeMap<>(tags).forEach((k, v) -> key.append('|').append(k).append('=').append(v));
        return key.toString();
    }

    /** A count; also kept in memory so tests and the plugin itself can read it back. */
    public static final class Counter {
        private final Sensor sensor;
        private final LongAdder count = new LongAdder();

        private Counter(Sensor sensor) {
            this.sensor = sensor;
        }

        public void increment() {
            add(1);
        }

        /** Counts one event that happened at {@code nowMs}, a time read with {@link PluginMetricsRecorder#now()}. */
        public void increment(long nowMs) {
            add(1, nowMs);
        }

        public void add(long amount) {
            add(amount, sensor == null ? 0L : now());
        }

        /**
         * Counts {@code amount} at {@code nowMs}, a time read with {@link PluginMetricsRecorder#now()}: a caller
         * counting several series for one event reads the clock once for all of them.
         */
        public void add(long amount, long nowMs) {
            count.add(amount);
            if (sensor != null) {
                sensor.record(amount, nowMs, false);
            }
        }

        public long count() {
            return count.sum();
        }
    }

    /** A duration series; also keeps the number of samples in memory. */
    public static final class Timer {
        private final Sensor sensor;
        private final LongAdder samples = new LongAdder();

        private Timer(Sensor sensor) {
            this.sensor = sensor;
        }

        public void recordMillis(double millis) {
            samples.increment();
            if (sensor != null) {
                sensor.record(millis, now(), false);
            }
        }

        public void recordNanosSince(long startNanos) {
            recordMillis((System.nanoTime() - startNanos) / 1_000_000.0);
        }

        public long samples() {
            return samples.sum();
        }
    }

    @Override
    public String toString() {
        return "PluginMetricsRecorder[" + (pluginMetrics == null ? "detached" : "worker") + ", counters=" + counters.keySet() + "]";
    }
}
