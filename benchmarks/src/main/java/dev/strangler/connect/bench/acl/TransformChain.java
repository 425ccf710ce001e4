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
 * tags them, from one metrics registry as in a worker, so the measured cost includes recording their metrics.
 */
final class TransformChain implements AutoCloseable {

    private final String connector;
    private final Metrics metrics = new Metrics();
    private final List<Transformation<SourceRecord>> steps = new ArrayList<>();

    TransformChain(String connector) {
        this.connector = connector;
    }

    TransformChain add(String alias, Transformation<SourceRecord> transformation, Map<String, String> config) {
        transformation.configure(config);
        if (transformation instanceof Monitorable monitorable) {
            monitorable.withPluginMetrics(new PluginMetricsImpl(metrics,
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
        metrics.close();
    }
}
