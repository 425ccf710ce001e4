package dev.strangler.connect.acl;

import org.apache.kafka.common.metrics.Monitorable;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.transforms.Transformation;

import dev.strangler.connect.acl.quarantine.TransformMetrics;
import dev.strangler.connect.core.StranglerVersion;

/**
 * What every ACL transformation shares: its KIP-877 metrics (counted in memory until the worker attaches its plugin
 * metrics), the build's version, and closing the metrics with the transformation.
 */
public abstract class AclTransformation<R extends ConnectRecord<R>> implements Transformation<R>, Versioned, Monitorable {

    private final TransformMetrics metrics = TransformMetrics.detached();

    protected final TransformMetrics metrics() {
        return metrics;
    }

    @Override
    public void withPluginMetrics(PluginMetrics pluginMetrics) {
        metrics.attach(pluginMetrics);
    }

    @Override
    public String version() {
        return StranglerVersion.get();
    }

    @Override
    public void close() {
        metrics.close();
    }
}
