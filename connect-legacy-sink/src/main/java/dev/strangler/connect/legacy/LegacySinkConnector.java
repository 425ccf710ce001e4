package dev.strangler.connect.legacy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.strangler.connect.core.StranglerVersion;
import dev.strangler.connect.core.origin.OriginMarker;
import dev.strangler.connect.core.origin.OriginMarkerConfig;
import dev.strangler.connect.core.plan.MigrationPlan;
import dev.strangler.connect.core.plan.MigrationPlanConfig;
import dev.strangler.connect.legacy.mapping.InvalidMappingException;
import dev.strangler.connect.legacy.mapping.MappingParser;

/**
 * The legacy projection sink: writes the new service's domain events back into the legacy schema ("legacy
 * subscribes" / "facade derives legacy projection" in the migration), several tables per event in one
 * transaction, never regressing a row (version guard), and marking every write so the ACL drops the legacy CDC
 * changes it causes (origin marker).
 */
public class LegacySinkConnector extends SinkConnector {

    private static final Logger LOG = LoggerFactory.getLogger(LegacySinkConnector.class);

    private Map<String, String> props;

    @Override
    public String version() {
        return StranglerVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        LegacySinkConfig config = new LegacySinkConfig(props); // fail fast on a config validate() would reject
        this.props = Map.copyOf(props);
        LOG.info("Legacy projection sink starting: {} event types mapped, dialect {}, migration plan {}",
                config.mapping().eventTypes().size(), config.connection().dialect().name(),
                config.plan().map(Object::toString).orElse("none"));
    }

    @Override
    public Class<? extends Task> taskClass() {
        return LegacySinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            configs.add(props);
        }
        return configs;
    }

    @Override
    public void stop() {
        LOG.info("Legacy projection sink stopped");
    }

    @Override
    public ConfigDef config() {
        return LegacySinkConfig.CONFIG_DEF;
    }

    /**
     * Adds what per-key validators cannot see: the choice between the inline and file forms of the mapping and the
     * plan, and the mapping checked against the origin marker and the plan, each problem with its path in the
     * mapping document.
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        Map<String, ConfigValue> byName = new HashMap<>();
        config.configValues().forEach(value -> byName.put(value.name(), value));
        MigrationPlanConfig.validateChoice(connectorConfigs, byName, false);

        String mappingKey = LegacySinkConfig.mappingKey(connectorConfigs.get(LegacySinkConfig.MAPPING),
                connectorConfigs.get(LegacySinkConfig.MAPPING_FILE));
        String document;
        try {
            document = LegacySinkConfig.mappingDocument(connectorConfigs.get(LegacySinkConfig.MAPPING),
                    connectorConfigs.get(LegacySinkConfig.MAPPING_FILE));
        } catch (LegacySinkConfig.MappingSourceProblem e) {
            addError(byName, e.key(), e.reason());
            return new Config(new ArrayList<>(byName.values()));
        }
        if (hasErrors(byName, OriginMarkerConfig.COLUMN, OriginMarkerConfig.VALUE, MigrationPlanConfig.PLAN, MigrationPlanConfig.PLAN_FILE)) {
            addError(byName, mappingKey, "the mapping is checked once the origin marker and migration plan keys are valid");
            return new Config(new ArrayList<>(byName.values()));
        }
        try {
            AbstractConfig shared = new AbstractConfig(sharedKeys(), connectorConfigs, false);
            OriginMarker marker = OriginMarkerConfig.from(shared);
            Optional<MigrationPlan> plan = MigrationPlanConfig.optionalFrom(shared);
            MappingParser.parse(document, marker, plan);
        } catch (InvalidMappingException e) {
            e.problems().forEach(problem -> addError(byName, mappingKey, problem));
        } catch (ConfigException e) {
            addError(byName, mappingKey, e.getMessage());
        }
        return new Config(new ArrayList<>(byName.values()));
    }

    private static ConfigDef sharedKeys() {
        return MigrationPlanConfig.define(OriginMarkerConfig.define(new ConfigDef(), LegacySinkConfig.ORIGIN_GROUP),
                LegacySinkConfig.PLAN_GROUP);
    }

    private static boolean hasErrors(Map<String, ConfigValue> byName, String... keys) {
        for (String key : keys) {
            ConfigValue value = byName.get(key);
            if (value != null && !value.errorMessages().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static void addError(Map<String, ConfigValue> byName, String key, String message) {
        byName.computeIfAbsent(key, ConfigValue::new).addErrorMessage(message);
    }
}
