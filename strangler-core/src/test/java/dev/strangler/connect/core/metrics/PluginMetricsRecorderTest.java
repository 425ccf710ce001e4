package dev.strangler.connect.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.MetricValueProvider;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;
import org.junit.jupiter.api.Test;

class PluginMetricsRecorderTest {

    /** A PluginMetrics over a real Kafka {@link Metrics} registry, as the worker's implementation is. */
    private static final class RegistryPluginMetrics implements PluginMetrics {
        final Metrics metrics;
        final Map<String, String> instanceTags;

        RegistryPluginMetrics() {
            this(new Metrics(), null, null);
        }

        RegistryPluginMetrics(Metrics metrics, String tag, String value) {
            this.metrics = metrics;
            this.instanceTags = tag == null ? Map.of() : Map.of(tag, value);
        }

        @Override
        public MetricName metricName(String name, String description, LinkedHashMap<String, String> tags) {
            LinkedHashMap<String, String> all = new LinkedHashMap<>(instanceTags);
            all.putAll(tags);
            return metrics.metricName(name, "plugins", description, all);
        }

        @Override
        public void addMetric(MetricName metricName, MetricValueProvider<?> provider) {
            metrics.addMetric(metricName, provider);
        }

        @Override
        public void removeMetric(MetricName metricName) {
            metrics.removeMetric(metricName);
        }

        @Override
        public Sensor addSensor(String name) {
            return metrics.sensor(name);
        }

        @Override
        public void removeSensor(String name) {
            metrics.removeSensor(name);
        }

        double value(String name, Map<String, String> tags) {
            LinkedHashMap<String, String> all = new LinkedHashMap<>(instanceTags);
            all.putAll(tags);
            KafkaMetric metric = metrics.metric(metrics.metricName(name, "plugins", all));
            return ((Number) metric.metricValue()).doubleValue();
        }
    }

    @Test
    void countersPublishTotalsPerTagSeries() {
        RegistryPluginMetrics registry = new RegistryPluginMetrics();
        PluginMetricsRecorder recorder = PluginMetricsRecorder.of(registry);

        recorder.counter("quarantined", "Records quarantined", Map.of("reason", "unknown-code")).increment();
        recorder.counter("quarantined", "Records quarantined", Map.of("reason", "unknown-code")).add(2);
        recorder.counter("quarantined", "Records quarantined", Map.of("reason", "contract")).increment();

        assertThat(registry.value("quarantined-total", Map.of("reason", "unknown-code"))).isEqualTo(3.0);
        assertThat(registry.value("quarantined-total", Map.of("reason", "contract"))).isEqualTo(1.0);
        assertThat(recorder.counter("quarantined", "Records quarantined", Map.of("reason", "unknown-code")).count()).isEqualTo(3);
    }

    @Test
    void twoPluginInstancesInOneWorkerNeverShareASensor() {
        // The worker hands every plugin instance its own PluginMetrics over one shared registry; each instance's
        // metric names differ by the tags the worker adds.
        Metrics shared = new Metrics();
        RegistryPluginMetrics first = new RegistryPluginMetrics(shared, "task", "0");
        RegistryPluginMetrics second = new RegistryPluginMetrics(shared, "task", "1");
        PluginMetricsRecorder one = PluginMetricsRecorder.of(first);
        PluginMetricsRecorder other = PluginMetricsRecorder.of(second);

        one.counter("events", "Events").add(3);
        other.counter("events", "Events").add(5);

        assertThat(first.value("events-total", Map.of())).isEqualTo(3.0);
        assertThat(second.value("events-total", Map.of())).isEqualTo(5.0);
        one.close();
        assertThat(second.value("events-total", Map.of())).as("closing one instance leaves the other's series").isEqualTo(5.0);
    }

    @Test
    void countersPublishARatePerSecond() {
        RegistryPluginMetrics registry = new RegistryPluginMetrics();
        PluginMetricsRecorder recorder = PluginMetricsRecorder.of(registry);
        recorder.counter("events", "Events").add(1_000);
        // read right away: a positive rate, however few milliseconds have passed since the counter was created
        assertThat(registry.value("events-rate", Map.of())).isPositive();
    }

    @Test
    void gaugesAreReadWhenScraped() {
        RegistryPluginMetrics registry = new RegistryPluginMetrics();
        PluginMetricsRecorder recorder = PluginMetricsRecorder.of(registry);
        long[] lag = {5};
        recorder.gauge("lag-ms", "Age of the oldest unpublished row", () -> lag[0]);
        lag[0] = 42;
        assertThat(registry.value("lag-ms", Map.of())).isEqualTo(42.0);
    }

    @Test
    void closeRemovesWhatItRegistered() {
        RegistryPluginMetrics registry = new RegistryPluginMetrics();
        PluginMetricsRecorder recorder = PluginMetricsRecorder.of(registry);
        recorder.counter("events", "Events").increment();
        recorder.timer("batch", "Batch latency").recordMillis(3);
        recorder.close();
        assertThat(registry.metrics.metrics().keySet()).noneMatch(name -> name.group().equals("plugins"));
    }

    @Test
    void detachedRecorderCountsInMemory() {
        PluginMetricsRecorder recorder = PluginMetricsRecorder.detached();
        recorder.counter("events", "Events").add(7);
        assertThat(recorder.counter("events", "Events").count()).isEqualTo(7);
    }
}
