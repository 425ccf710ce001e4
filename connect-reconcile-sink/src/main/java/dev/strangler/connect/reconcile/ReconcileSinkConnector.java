package dev.strangler.connect.reconcile;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import java.sql.Connection;
import java.sql.SQLException;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

import dev.strangler.connect.core.StranglerVersion;
import dev.strangler.connect.core.jdbc.JdbcConnectionConfig;
import dev.strangler.connect.core.plan.MigrationPlanConfig;
import dev.strangler.connect.core.sql.SqlFailureClassifier;
import dev.strangler.connect.reconcile.compare.FieldPair;
import dev.strangler.connect.reconcile.lookup.MappingCheck;
import dev.strangler.connect.reconcile.lookup.TargetTable;

/**
 * Reconciliation as a sink: checks every record of the migration's topics against the other system's store,
 * tolerates lag with a grace period, and records confirmed divergences as evidence (results table and mismatch
 * topic), optionally requesting their repair and checking whole tables by checksums in the background.
 */
public class ReconcileSinkConnector extends SinkConnector {

    /** Checks the configured table and mapping against the target database; replaceable in unit tests. */
    interface TargetCheck {
        void check(ReconcileSinkConfig config, Map<String, ConfigValue> byName);
    }

    private final TargetCheck targetCheck;
    private Map<String, String> props;

    public ReconcileSinkConnector() {
        this(ReconcileSinkConnector::checkTarget);
    }

    ReconcileSinkConnector(TargetCheck targetCheck) {
        this.targetCheck = targetCheck;
    }

    @Override
    public String version() {
        return StranglerVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        // Parse now so a bad configuration fails the connector, not each task separately.
        new ReconcileSinkConfig(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return ReconcileSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            Map<String, String> config = new HashMap<>(props);
            config.put(ReconcileSinkTask.TASK_INDEX, Integer.toString(i));
            configs.add(config);
        }
        return configs;
    }

    @Override
    public void stop() {
        props = null;
    }

    @Override
    public ConfigDef config() {
        return ReconcileSinkConfig.CONFIG_DEF;
    }

    /**
     * Reports the per-key problems of the ConfigDef and, on the key to change, every rule spanning several keys; when
     * the configuration itself is valid, whether the target table exists and has every mapped column.
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        Map<String, ConfigValue> byName = config.configValues().stream()
                .collect(Collectors.toMap(ConfigValue::name, Function.identity()));
        Map<String, Object> values = new HashMap<>();
        byName.forEach((name, value) -> {
            if (value.errorMessages().isEmpty()) {
                values.put(name, value.value());
            }
        });
        MigrationPlanConfig.validateChoice(connectorConfigs, byName, false);
        ReconcileSinkConfig.problems(values).forEach((key, messages) -> messages.forEach(byName.get(key)::addErrorMessage));
        if (Boolean.TRUE.equals(values.get(ReconcileSinkConfig.REPORT_TO_DLQ))
                && !connectorConfigs.getOrDefault("errors.deadletterqueue.topic.name", "").isBlank()
                && !"all".equals(connectorConfigs.getOrDefault("errors.tolerance", "none"))) {
            byName.get(ReconcileSinkConfig.REPORT_TO_DLQ).addErrorMessage("Findings go to the dead-letter topic only with "
                    + "errors.tolerance=all (with 'none' the first finding would stop the task): set it, or set "
                    + ReconcileSinkConfig.REPORT_TO_DLQ + "=false");
        }
        if (config.configValues().stream().allMatch(value -> value.errorMessages().isEmpty())) {
            targetCheck.check(new ReconcileSinkConfig(connectorConfigs), byName);
        }
        return config;
    }

    private static void checkTarget(ReconcileSinkConfig config, Map<String, ConfigValue> byName) {
        try (Connection connection = config.targetConnection().open()) {
            TargetTable table = TargetTable.describe(connection, config.targetDialect(), config.targetTable());
            String name = table.name().toString();
            MappingCheck.missingColumns(config.keyPairs(), table::column, name).forEach(byName.get(ReconcileSinkConfig.MAPPING_KEY)::addErrorMessage);
            MappingCheck.missingColumns(config.comparedPairs(), table::column, name).forEach(byName.get(ReconcileSinkConfig.MAPPING_FIELDS)::addErrorMessage);
            MappingCheck.missingColumns(config.versionPair().stream().toList(), table::column, name)
                    .forEach(byName.get(ReconcileSinkConfig.MAPPING_VERSION)::addErrorMessage);
        } catch (SQLException e) {
            // A missing table and an unreachable database both land here; pgjdbc messages never carry the password.
            String key = "42P01".equals(e.getSQLState())
                    ? ReconcileSinkConfig.TARGET_TABLE : ReconcileSinkConfig.TARGET_PREFIX + JdbcConnectionConfig.URL;
            byName.get(key).addErrorMessage("Could not check the target table: " + SqlFailureClassifier.summary(e));
        }
        if (config.stateCheckInterval().isPresent() && config.sourceConnection().isPresent()) {
            checkStateSource(config, byName);
        }
    }

    /**
     * The state check's source table and the source column of every key and compared field, as Debezium checks its
     * tables at validation: a column that is missing is reported on state.source.columns (where it is named, or
     * where the field's own name can be mapped to the real column).
     */
    private static void checkStateSource(ReconcileSinkConfig config, Map<String, ConfigValue> byName) {
        try (Connection connection = config.sourceConnection().orElseThrow().open()) {
            TargetTable table = TargetTable.describe(connection, config.sourceDialect().orElseThrow(), config.stateSourceTable());
            List<FieldPair> sourcePairs = new ArrayList<>();
            for (FieldPair pair : config.keyPairs()) {
                sourcePairs.add(new FieldPair(pair.field(), config.sourceColumn(pair.field()).name()));
            }
            for (FieldPair pair : config.comparedPairs()) {
                sourcePairs.add(new FieldPair(pair.field(), config.sourceColumn(pair.field()).name()));
            }
            MappingCheck.missingColumns(sourcePairs, table::column, table.name() + " (map the field to its column in "
                            + ReconcileSinkConfig.STATE_SOURCE_COLUMNS + ")")
                    .forEach(byName.get(ReconcileSinkConfig.STATE_SOURCE_COLUMNS)::addErrorMessage);
        } catch (SQLException e) {
            String key = "42P01".equals(e.getSQLState())
                    ? ReconcileSinkConfig.STATE_SOURCE_TABLE : ReconcileSinkConfig.SOURCE_PREFIX + JdbcConnectionConfig.URL;
            byName.get(key).addErrorMessage("Could not check the state check's source table: " + SqlFailureClassifier.summary(e));
        }
    }
}
