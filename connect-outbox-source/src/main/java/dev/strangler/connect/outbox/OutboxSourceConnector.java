package dev.strangler.connect.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.strangler.connect.core.StranglerVersion;
import dev.strangler.connect.core.jdbc.JdbcConnectionConfig;
import dev.strangler.connect.core.plan.MigrationPlanConfig;
import dev.strangler.connect.core.sql.PostgresDialect;
import dev.strangler.connect.core.sql.TableName;
import dev.strangler.connect.outbox.model.OutboxOffsets;
import dev.strangler.connect.outbox.jdbc.TableLayoutCheck;
import dev.strangler.connect.outbox.sql.OutboxQueries;

/**
 * Publishes the transactional outbox tables of a service that is taking over from the legacy system, so the rest
 * of the migration consumes its domain events from Kafka. Each table goes to exactly one task; events are never
 * skipped, and with exactly-once source support (KIP-618) never duplicated.
 */
public class OutboxSourceConnector extends SourceConnector {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxSourceConnector.class);

    /** Checks the database behind a configuration that is valid in itself, adding errors to the config values. */
    @FunctionalInterface
    interface DatabaseCheck {
        void check(OutboxSourceConfig config, Map<String, ConfigValue> valuesByName);
    }

    private final DatabaseCheck databaseCheck;
    private Map<String, String> settings;
    private List<TableName> tables;

    public OutboxSourceConnector() {
        this(OutboxSourceConnector::checkDatabase);
    }

    /** For unit tests, which have no database. */
    OutboxSourceConnector(DatabaseCheck databaseCheck) {
        this.databaseCheck = databaseCheck;
    }

    @Override
    public String version() {
        return StranglerVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        OutboxSourceConfig config = new OutboxSourceConfig(props);
        this.settings = Map.copyOf(props);
        this.tables = config.tables();
        LOG.info("Starting outbox source connector for tables {}", tables);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return OutboxSourceTask.class;
    }

    /** Tables are dealt round-robin to at most one task per table; a table is never read by two tasks. */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        int taskCount = Math.min(maxTasks, tables.size());
        List<List<String>> assignments = new ArrayList<>();
        for (int i = 0; i < taskCount; i++) {
            assignments.add(new ArrayList<>());
        }
        for (int i = 0; i < tables.size(); i++) {
            assignments.get(i % taskCount).add(tables.get(i).toString());
        }
        List<Map<String, String>> configs = new ArrayList<>();
        for (List<String> assigned : assignments) {
            Map<String, String> taskConfig = new HashMap<>(settings);
            taskConfig.put(OutboxSourceConfig.TASK_TABLES, String.join(",", assigned));
            configs.add(taskConfig);
        }
        return configs;
    }

    @Override
    public void stop() {
        LOG.info("Stopping outbox source connector");
    }

    @Override
    public ConfigDef config() {
        return OutboxSourceConfig.CONFIG_DEF;
    }

    /**
     * Reports every problem, each against its key: the validators of single keys, then the rules across keys, and
     * when the configuration itself is valid, whether the database is reachable and each table has the configured
     * columns with an xid8 transaction id.
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        Map<String, ConfigValue> byName = config.configValues().stream()
                .collect(Collectors.toMap(ConfigValue::name, value -> value));
        OutboxSourceConfig.crossFieldProblems(connectorConfigs).forEach((key, messages) -> {
            ConfigValue value = byName.get(key);
            messages.forEach(value::addErrorMessage);
        });
        MigrationPlanConfig.validateChoice(connectorConfigs, byName, false);
        if (config.configValues().stream().allMatch(value -> value.errorMessages().isEmpty())) {
            databaseCheck.check(new OutboxSourceConfig(connectorConfigs), byName);
        }
        return config;
    }

    private static void checkDatabase(OutboxSourceConfig config, Map<String, ConfigValue> byName) {
        try (Connection connection = config.connection().open()) {
            for (TableName table : config.tables()) {
                OutboxQueries queries = new OutboxQueries(PostgresDialect.INSTANCE, config.layout(table));
                TableLayoutCheck.problems(connection, queries, config.markColumn())
                        .forEach(byName.get(OutboxSourceConfig.TABLES)::addErrorMessage);
            }
        } catch (SQLException e) {
            // pgjdbc messages name the host and the reason, never the password.
            byName.get(JdbcConnectionConfig.URL).addErrorMessage("Could not check the outbox tables: " + e.getMessage());
        }
    }

    /**
     * Offsets are an exact position (the last published row's transaction id and event id), committed in the same
     * Kafka transaction as the records under exactly-once support, so a restart resumes at the next row.
     */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    /**
     * With {@code transaction.boundary=connector} the task cuts Kafka transactions only where a source (database)
     * transaction ends, at most one per poll, so a read_committed consumer sees all events of a database transaction
     * or none of them, even when a batch limit falls inside one.
     */
    @Override
    public ConnectorTransactionBoundaries canDefineTransactionBoundaries(Map<String, String> connectorConfig) {
        return ConnectorTransactionBoundaries.SUPPORTED;
    }

    /**
     * Checks offsets written through {@code PATCH /connectors/{name}/offsets}: each partition must name one of the
     * configured tables and each offset must be a position ({@code xid} integer, {@code id} string) or null (start
     * that table from its first row). The new offsets are used when the tasks start; nothing else to do here.
     */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        Set<TableName> configured = Set.copyOf(new OutboxSourceConfig(connectorConfig).tables());
        for (Map.Entry<Map<String, ?>, Map<String, ?>> entry : offsets.entrySet()) {
            TableName table;
            try {
                table = OutboxOffsets.tableOf(entry.getKey());
                OutboxOffsets.positionOf(entry.getValue());
            } catch (IllegalArgumentException e) {
                throw new ConnectException("Invalid outbox offset for partition " + entry.getKey() + ": " + e.getMessage());
            }
            if (!configured.contains(table)) {
                throw new ConnectException("Partition " + entry.getKey() + " names table '" + table + "', which is not in "
                        + OutboxSourceConfig.TABLES + " " + configured);
            }
        }
        return true;
    }
}
