package dev.strangler.connect.it.reconcile;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.strangler.connect.harness.Await;
import dev.strangler.connect.harness.LocalStack;
import dev.strangler.connect.harness.PostgresServer;

/**
 * What the reconciliation tests share: a target store with a policy table (the new service's), records produced as
 * the JSON a service or the ACL would publish, the connector JSON a user would write, and SQL over the evidence
 * tables the connector creates. Each test passes its own database, topic and connector names.
 */
final class ReconcileFixture {

    static final String CONNECTOR_CLASS = "dev.strangler.connect.reconcile.ReconcileSinkConnector";
    static final ObjectMapper JSON = new ObjectMapper();

    /** A confirmed finding as the results table holds it. */
    record FindingRow(String kind, String checkLevel, String rowKey, String keyRange, JsonNode differences,
                      JsonNode sourceVersion, JsonNode targetVersion, Instant firstSeen, Instant confirmedAt,
                      String scope, String planPhase, String conflictRule) {
    }

    private final LocalStack stack;
    final String database;
    final String topic;
    final String connector;

    ReconcileFixture(LocalStack stack, String prefix) {
        this.stack = stack;
        this.database = prefix + "_svc";
        this.topic = prefix + ".policy";
        this.connector = prefix.replace('_', '-') + "-reconcile";
    }

    /** The target store: the new service's policy table (its columns named differently from the events' fields). */
    void createTargetStore() {
        PostgresServer postgres = stack.postgres();
        postgres.createDatabase(database);
        postgres.execute(database,
                "CREATE SCHEMA IF NOT EXISTS svc",
                "CREATE TABLE IF NOT EXISTS svc.policy ("
                        + " policy_id bigint PRIMARY KEY,"
                        + " holder_name varchar(80),"
                        + " premium numeric(12,2),"
                        + " rate double precision,"
                        + " status varchar(16),"
                        + " updated_at timestamp(0))");
        stack.kafka().createTopic(topic, 1);
    }

    void insertTarget(long id, String holder, String premium, double rate, String status, String updatedAt) {
        stack.postgres().execute(database, "INSERT INTO svc.policy VALUES (" + id + ", '" + holder + "', " + premium + ", "
                + rate + ", '" + status + "', TIMESTAMP '" + updatedAt + "')");
    }

    /** The connector configuration a user would PUT: events compared with svc.policy, evidence in the same database. */
    Map<String, String> connectorConfig(Duration grace) {
        PostgresServer postgres = stack.postgres();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", CONNECTOR_CLASS);
        config.put("tasks.max", "1");
        config.put("topics", topic);
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        config.put("target.connection.url", postgres.jdbcUrl(database));
        config.put("target.connection.user", postgres.user());
        config.put("target.connection.password", postgres.password());
        config.put("target.table", "svc.policy");
        config.put("scope", "policy");
        config.put("mapping.key", "policyId:policy_id");
        config.put("mapping.fields", "holder:holder_name,premium,rate,status,updatedAt:updated_at");
        config.put("compare.enum.equivalence", "status:A=ACTIVE|L=LAPSED");
        config.put("recheck.grace.period.ms", Long.toString(grace.toMillis()));
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", topic + ".mismatch");
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        return config;
    }

    void start(Map<String, String> config) {
        stack.connect().putConnector(connector, config);
        stack.connect().awaitConnectorRunning(connector, Duration.ofMinutes(1));
    }

    /** Publishes policy events as a service would: JSON without schema, keyed by the policy id. */
    void publish(List<Map<String, Object>> events) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
            for (Map<String, Object> event : events) {
                Object id = event.get("policyId");
                producer.send(new ProducerRecord<>(topic, id == null ? null : id.toString(), JSON.writeValueAsString(event)));
            }
            producer.flush();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> event(long id, String holder, Object premium, double rate, String status, String updatedAt) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("policyId", id);
        event.put("holder", holder);
        event.put("premium", premium);
        event.put("rate", rate);
        event.put("status", status);
        event.put("updatedAt", updatedAt);
        return event;
    }

    List<FindingRow> findings() {
        return query("SELECT kind, check_level, row_key, key_range, differences::text, source_version::text, "
                + "target_version::text, first_seen, confirmed_at, scope, plan_phase, conflict_rule "
                + "FROM public.reconcile_finding WHERE connector = ? "
                + "ORDER BY confirmed_at, row_key", rs -> new FindingRow(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), json(rs.getString(5)), json(rs.getString(6)), json(rs.getString(7)),
                rs.getObject(8, java.time.OffsetDateTime.class).toInstant(), rs.getObject(9, java.time.OffsetDateTime.class).toInstant(),
                rs.getString(10), rs.getString(11), rs.getString(12)));
    }

    /** The pending findings: row key -> first seen. */
    Map<String, Instant> pending() {
        Map<String, Instant> pending = new LinkedHashMap<>();
        query("SELECT row_key, first_seen FROM public.reconcile_pending WHERE connector = ? ORDER BY row_key",
                rs -> pending.put(rs.getString(1), rs.getObject(2, java.time.OffsetDateTime.class).toInstant()));
        return pending;
    }

    boolean evidenceTablesExist() {
        return !query("SELECT 1 FROM information_schema.tables WHERE table_name = 'reconcile_pending' AND ? IS NOT NULL",
                rs -> 1).isEmpty();
    }

    /** Waits until the finding of {@code rowKey} is recorded; returns all findings at that moment. */
    List<FindingRow> awaitFindingOf(String rowKey, Duration timeout) {
        Await.until("a confirmed finding for key " + rowKey + " of " + connector, timeout,
                () -> findings().stream().anyMatch(f -> f.rowKey().equals(rowKey)));
        return findings();
    }

    /** Restarts the connector and its tasks through REST, as an operator would: new task instances, same state. */
    void restartTasks() {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    stack.connect().restUrl() + "/connectors/" + connector + "/restart?includeTasks=true&onlyFailed=false"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("Restart of " + connector + " answered " + response.statusCode() + ": " + response.body());
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void stop() {
        stack.connect().deleteConnector(connector);
    }

    interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Row<T> row) {
        try (Connection connection = stack.postgres().connect(database); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, connector);
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(row.read(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return List.of(); // the connector has not created its evidence tables yet
            }
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return text == null ? null : JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
