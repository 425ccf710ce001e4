package dev.strangler.connect.it.legacy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.strangler.connect.harness.LocalStack;
import dev.strangler.connect.harness.PostgresServer;
import dev.strangler.connect.it.DatabaseRows;

/**
 * The legacy schema of the endorsement example (a policy version header with detail lines), the mapping and the
 * connector JSON a user would write (as in the module README), shared by the legacy sink integration tests. An
 * instance is one test class's sink: its connector, and the database, topic and dead-letter topic named after it, so
 * the tests share the stack without seeing each other's rows or records.
 */
final class LegacySinkFixture {

    static final String CONNECTOR_CLASS = "dev.strangler.connect.legacy.LegacySinkConnector";

    /** The mapping from the README: header + detail rows in one transaction, version guard, soft delete. */
    static final String MAPPING = """
            {
              "valueMappings": {
                "endorsement-kind": {"values": {"ADR": "ADDRESS_CHANGE", "BEN": "BENEFICIARY_CHANGE"}, "unknown": "quarantine"},
                "line-kind": {"inline": "P=PREMIUM, T=TAX, F=FEE", "unknown": "quarantine"}
              },
              "events": {
                "EndorsementApproved": {
                  "writes": [
                    {
                      "table": "legacy.policy_version",
                      "mode": "upsert",
                      "key": ["policy_no", "version_seq"],
                      "columns": {
                        "policy_no": {"field": "policy.number"},
                        "version_seq": {"field": "sequence"},
                        "txn_code": {"field": "kind", "translate": "endorsement-kind"},
                        "legacy_ref": {"template": "{policy.number}/{sequence}"},
                        "note": {"field": "note"},
                        "status_cd": {"constant": "A"}
                      },
                      "guard": {"column": "event_version", "field": "version"}
                    },
                    {
                      "table": "legacy.policy_version_line",
                      "mode": "upsert",
                      "rows": "lines",
                      "replaceRows": true,
                      "key": ["policy_no", "version_seq", "line_no"],
                      "columns": {
                        "policy_no": {"field": "policy.number"},
                        "version_seq": {"field": "sequence"},
                        "line_no": {"elementIndex": 1},
                        "line_kind": {"element": "kind", "translate": "line-kind"},
                        "amount": {"element": "amount"}
                      },
                      "guard": {"column": "event_version", "field": "version"}
                    }
                  ]
                },
                "EndorsementCancelled": {
                  "writes": [
                    {
                      "table": "legacy.policy_version",
                      "mode": "delete",
                      "key": ["policy_no", "version_seq"],
                      "columns": {"policy_no": {"field": "policy.number"}, "version_seq": {"field": "sequence"}},
                      "guard": {"column": "event_version", "field": "version"},
                      "softDelete": {"column": "status_cd", "value": "X"}
                    }
                  ]
                }
              }
            }
            """;

    private final LocalStack stack;
    private final String connector;
    private final String database;
    private final String topic;
    private final String deadLetterTopic;

    private LegacySinkFixture(LocalStack stack, String connector, String topicName) {
        this.stack = stack;
        this.connector = connector;
        this.database = connector.replace('-', '_');
        this.topic = connector + "." + topicName;
        this.deadLetterTopic = connector + ".dlq";
    }

    /**
     * One test class's sink of the endorsement example: the legacy schema in the database {@code <connector>} (with
     * underscores) and the topic {@code <connector>.endorsements}.
     */
    static LegacySinkFixture withEndorsementSchema(String connector) {
        LegacySinkFixture sink = withEmptyDatabase(connector, "endorsements");
        sink.execute(
                "CREATE SCHEMA IF NOT EXISTS legacy",
                "CREATE TABLE legacy.policy_version ("
                        + " policy_no varchar(12) NOT NULL, version_seq integer NOT NULL, txn_code char(3) NOT NULL,"
                        + " legacy_ref varchar(40), note varchar(40), status_cd char(1) NOT NULL,"
                        + " event_version bigint, strangler_origin varchar(40),"
                        + " PRIMARY KEY (policy_no, version_seq))",
                "CREATE TABLE legacy.policy_version_line ("
                        + " policy_no varchar(12) NOT NULL, version_seq integer NOT NULL, line_no integer NOT NULL,"
                        + " line_kind char(1) NOT NULL, amount numeric(12,2) NOT NULL CHECK (amount >= 0),"
                        + " event_version bigint, strangler_origin varchar(40),"
                        + " PRIMARY KEY (policy_no, version_seq, line_no),"
                        + " FOREIGN KEY (policy_no, version_seq) REFERENCES legacy.policy_version)");
        return sink;
    }

    /**
     * One test class's sink on a legacy schema the test creates itself: the empty database {@code <connector>} (with
     * underscores) and the topic {@code <connector>.<topicName>}. The topic has one partition, so the sink sees the
     * test's events in the order it sent them.
     */
    static LegacySinkFixture withEmptyDatabase(String connector, String topicName) {
        LegacySinkFixture sink = new LegacySinkFixture(LocalStack.shared(), connector, topicName);
        sink.stack.postgres().createDatabase(sink.database);
        sink.stack.kafka().createTopic(sink.topic, 1);
        return sink;
    }

    LocalStack stack() {
        return stack;
    }

    String connector() {
        return connector;
    }

    String database() {
        return database;
    }

    String topic() {
        return topic;
    }

    /** Starts the connector with the README's mapping and waits until it runs. */
    void start() {
        start(connectorConfig(stack, database, topic, deadLetterTopic));
    }

    /** Starts the connector with a mapping of its own and waits until it runs. */
    void start(String mapping) {
        Map<String, String> config = connectorConfig(stack, database, topic, deadLetterTopic);
        config.put("mapping", mapping);
        start(config);
    }

    private void start(Map<String, String> config) {
        stack.connect().putConnector(connector, config);
        stack.connect().awaitConnectorRunning(connector, Duration.ofMinutes(2));
    }

    void delete() {
        stack.connect().deleteConnector(connector);
    }

    String taskState() {
        var tasks = stack.connect().status(connector).path("tasks");
        return tasks.size() == 0 ? "NONE" : tasks.get(0).path("state").asText();
    }

    void execute(String... statements) {
        stack.postgres().execute(database, statements);
    }

    /** Rows of a query as column name to value; null while the database cannot answer (the caller polls again). */
    List<Map<String, Object>> query(String sql) {
        return DatabaseRows.query(stack, database, sql);
    }

    long count(String sql) {
        return DatabaseRows.count(stack, database, sql);
    }

    KafkaProducer<String, String> producer() {
        Properties properties = new Properties();
        properties.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        properties.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        properties.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }

    /**
     * Sends an event to partition 0 of the sink's topic and waits until Kafka has it; a null {@code eventType}
     * sends no header, a null {@code value} is a tombstone.
     */
    void send(KafkaProducer<String, String> producer, String key, String eventType, String value) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, 0, key, value);
        if (eventType != null) {
            record.headers().add("eventType", eventType.getBytes(StandardCharsets.UTF_8));
        }
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not produce to " + topic, e);
        }
    }

    /** Everything on the dead-letter topic up to its end now, read within {@code timeout}. */
    List<ConsumerRecord<byte[], byte[]>> deadLetters(Duration timeout) {
        return stack.kafka().consumeAll(deadLetterTopic, timeout, false);
    }

    /** The dead-letter topic from the beginning, once at least {@code minRecords} arrived or {@code timeout} passed. */
    List<ConsumerRecord<byte[], byte[]>> deadLetters(int minRecords, Duration timeout) {
        return stack.kafka().consume(deadLetterTopic, minRecords, timeout);
    }

    /**
     * What a DBA would see of removed rows: a {@code <table>_removed} table (key, marker) that a {@code BEFORE
     * DELETE} trigger fills with the key and the origin marker each removed row carried.
     */
    static String[] rememberRemovedRows(String table, String keyColumn) {
        return new String[] {
                "CREATE TABLE " + table + "_removed (" + keyColumn + " varchar(12), strangler_origin varchar(40))",
                "CREATE FUNCTION " + table + "_remember_removed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO "
                        + table + "_removed VALUES (OLD." + keyColumn + ", OLD.strangler_origin); RETURN OLD; END $$",
                "CREATE TRIGGER remember_removed BEFORE DELETE ON " + table + " FOR EACH ROW EXECUTE FUNCTION "
                        + table + "_remember_removed()"};
    }

    /** The connector JSON: string keys, schemaless JSON values, event type in a header, dead-letter queue on. */
    static Map<String, String> connectorConfig(LocalStack stack, String database, String topic, String deadLetterTopic) {
        PostgresServer postgres = stack.postgres();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", CONNECTOR_CLASS);
        config.put("tasks.max", "1");
        config.put("topics", topic);
        config.put("connection.url", postgres.jdbcUrl(database));
        config.put("connection.user", postgres.user());
        config.put("connection.password", postgres.password());
        config.put("mapping", MAPPING);
        config.put("event.type.source", "header:eventType");
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", deadLetterTopic);
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        config.put("retry.backoff.ms", "200");
        config.put("retry.backoff.max.ms", "2000");
        config.put("retry.max.attempts", "60");
        return config;
    }

    /** An EndorsementApproved event as the service publishes it. */
    static String approved(String policy, int sequence, long version, String kind, String note, double... amounts) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < amounts.length; i++) {
            lines.append(i == 0 ? "" : ", ").append("{\"kind\": \"PREMIUM\", \"amount\": ").append(amounts[i]).append('}');
        }
        return "{\"policy\": {\"number\": \"" + policy + "\"}, \"sequence\": " + sequence + ", \"version\": " + version
                + ", \"kind\": \"" + kind + "\", \"note\": \"" + note + "\", \"lines\": [" + lines + "]}";
    }

    static String cancelled(String policy, int sequence, long version) {
        return "{\"policy\": {\"number\": \"" + policy + "\"}, \"sequence\": " + sequence + ", \"version\": " + version + "}";
    }

    static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static String key(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    }
}
