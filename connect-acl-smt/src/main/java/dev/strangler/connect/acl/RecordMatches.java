package dev.strangler.connect.acl;

import java.util.Map;

import dev.strangler.connect.acl.classify.CelCondition;
import dev.strangler.connect.acl.classify.CelVariables;
import dev.strangler.connect.core.StranglerVersion;
import dev.strangler.connect.core.metrics.PluginMetricsRecorder;

import dev.cel.runtime.CelEvaluationException;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.metrics.Monitorable;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.transforms.predicates.Predicate;

/**
 * A predicate on field values, which Kafka's built-in predicates (topic name, header key, tombstone) cannot express:
 * a Google CEL condition over the record's value, key, headers and topic, compiled once. Any transformation, ours or
 * Kafka's, can be applied only to the records it matches ({@code transforms.x.predicate}).
 */
public class RecordMatches<R extends ConnectRecord<R>> implements Predicate<R>, Versioned, Monitorable {

    public static final String OVERVIEW_DOC = "Matches records for which a Google CEL condition on the value, key, "
            + "headers and topic holds, e.g. value.after.status == 'L'. No scripting engine is involved.";

    public static final ConfigDef CONFIG_DEF = RecordMatchesConfig.CONFIG_DEF;

    private volatile PluginMetricsRecorder metrics = PluginMetricsRecorder.detached();
    private RecordMatchesConfig config;

    @Override
    public void configure(Map<String, ?> configs) {
        config = new RecordMatchesConfig(configs);
    }

    @Override
    public boolean test(R record) {
        try {
            CelCondition condition = config.condition();
            boolean matches = condition.test(CelVariables.lazy(record.key(), record.value(), record.headers(),
                    record.topic(), condition.fieldsRead()));
            metrics.counter(matches ? "records-matched" : "records-not-matched",
                    matches ? "Records the condition holds for" : "Records the condition does not hold for").increment();
            return matches;
        } catch (CelEvaluationException e) {
            metrics.counter("condition-errors", "Records the condition could not be evaluated on").increment();
            return switch (config.onError()) {
                case TRUE -> true;
                case FALSE -> false;
                case FAIL -> throw new DataException("RecordMatches: the condition cannot be evaluated on a record of topic "
                        + record.topic() + ": " + e.getMessage());
            };
        }
    }

    /** The metrics of this predicate, for tests. */
    PluginMetricsRecorder metrics() {
        return metrics;
    }

    @Override
    public void withPluginMetrics(PluginMetrics pluginMetrics) {
        metrics = PluginMetricsRecorder.of(pluginMetrics);
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
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
