package dev.strangler.connect.bench.acl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Monitorable;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * A chain of transformations applied as the worker applies a connector's {@code transforms}: in order, stopping
 * at a dropped record. Transformations that publish KIP-877 plugin metrics get them, tagged per alias as the worker
 * tags them, so the measured cost includes recording their metrics: from one metrics registry, as in a worker, or
 * (to measure what sensors shared between plugin instances cost) from one registry per transformation.
 */
final class TransformChain implements AutoCloseable {

    /** Where the transformations' plugin metrics are registered. */
    enum MetricsRegistry {
        /** One registry for the whole chain, as the worker has one for all its connectors. */
        SHARED,
        /** A registry per transformation: no sensor can be shared between two plugin instances. */
        PER_TRANSFORMATION
    }

    private final String connector;
    private final MetricsRegistry registry;
    private final List<Metrics> registries = new ArrayList<>();
    private final List<Transformation<SourceRecord>> steps = new ArrayList<>();

    TransformChain(String connector, MetricsRegistry registry) {
        this.connector = connector;
        this.registry = registry;
    }

    TransformChain add(String alias, Transformation<SourceRecord> transformation, Map<String, String> config) {
        transformation.configure(config);
        if (transformation instanceof Monitorable monitorable) {
            if (registries.isEmpty() || registry == MetricsRegistry.PER_TRANSFORMATION) {
                registries.add(new Metrics());
            }
            monitorable.withPluginMetrics(new PluginMetricsImpl(registries.get(registries.size() - 1),
                    Map.of("connector", connector, "task", "0", "transformation", alias)));
        }
        steps.add(transformation);
        return this;
    }

    SourceRecord apply(SourceRecord record) {
        SourceRecord current = record;
        for (Transformation<SourceRecord> step : steps) {
            current = step.apply(current);
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    @Override
    public void close() {
        steps.forEach(Transformation::close);
        registries.forEach(Metrics::close);
    }
}
