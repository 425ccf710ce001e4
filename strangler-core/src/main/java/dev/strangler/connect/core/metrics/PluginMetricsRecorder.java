package dev.strangler.connect.core.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.Measurable;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.Max;
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
        return counters.computeIfAbsent(seriesKey(name, tags), key -> registerCounter(name, description, tags));
    }

    public Counter counter(String name, String description) {
        return counter(name, description, Map.of());
    }

    /** A duration in milliseconds, published as {@code <name>-avg} and {@code <name>-max}. */
    public Timer timer(String name, String description, Map<String, String> tags) {
        return timers.computeIfAbsent(seriesKey(name, tags), key -> new Timer(registerTimer(key, name, description, tags)));
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
        counters.values().forEach(counter -> counter.published.forEach(pluginMetrics::removeMetric));
        timers.keySet().forEach(key -> pluginMetrics.removeSensor(sensorPrefix + key));
        gauges.values().forEach(pluginMetrics::removeMetric);
        counters.clear();
        timers.clear();
        gauges.clear();
    }

    private Counter registerCounter(String name, String description, Map<String, String> tags) {
        Counter counter = new Counter();
        if (pluginMetrics != null) {
            LinkedHashMap<String, String> orderedTags = new LinkedHashMap<>(tags);
            MetricName total = pluginMetrics.metricName(name + "-total", description + " (total)", orderedTags);
            MetricName rate = pluginMetrics.metricName(name + "-rate", description + " (per second)", orderedTags);
            pluginMetrics.addMetric(total, (Measurable) (config, now) -> counter.count());
            pluginMetrics.addMetric(rate, new ScrapedRate(counter.count, Time.SYSTEM.milliseconds()));
            counter.published = List.of(total, rate);
        }
        return counter;
    }

    private Sensor registerTimer(String sensorName, String name, String description, Map<String, String> tags) {
        if (pluginMetrics == null) {
            return null;
        }
        Sensor sensor = pluginMetrics.addSensor(sensorPrefix + sensorName);
        LinkedHashMap<String, String> orderedTags = new LinkedHashMap<>(tags);
        sensor.add(pluginMetrics.metricName(name + "-avg", description + " (average, ms)", orderedTags), new Avg());
        sensor.add(pluginMetrics.metricName(name + "-max", description + " (maximum, ms)", orderedTags), new Max());
        return sensor;
    }

    private static String seriesKey(String name, Map<String, String> tags) {
        if (tags.isEmpty()) {
            return name;
        }
        StringBuilder key = new StringBuilder(name);
        new TreeMap<>(tags).forEach((k, v) -> key.append('|').append(k).append('=').append(v));
        return key.toString();
    }

    /**
     * A count. Counting is a {@link LongAdder} increment and nothing else: counters sit on per-record paths (an ACL
     * chain counts about fifteen times per record), where a Kafka {@link Sensor} (a lock, a clock read and the
     * update of every stat) cost as much as the transformation itself. The published {@code -total} and
     * {@code -rate} read the adder when the metric is scraped.
     */
    public static final class Counter {
        private final LongAdder count = new LongAdder();
        private List<MetricName> published = List.of();

        private Counter() {
        }

        public void increment() {
            count.increment();
        }

        public void add(long amount) {
            count.add(amount);
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
                // without the quota check Sensor.record(double) makes: our sensors never carry a quota
                sensor.record(millis, Time.SYSTEM.milliseconds(), false);
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
