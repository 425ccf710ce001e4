package dev.strangler.connect.it.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.strangler.connect.harness.LocalStack;
import dev.strangler.connect.harness.PostgresServer;

/**
 * A service keyed by UUID: valid UUID keys are looked up as such (sent untyped, not as varchar), and an event whose
 * key is not a UUID makes PostgreSQL refuse the batch's lookup; the batch is split until that event is alone, it goes
 * to the dead-letter topic with the SQLSTATE (never the value), and the events beside it are still reconciled.
 */
class KeyTheTargetCannotHoldIsDeadLetteredAloneIT {

    private static final LocalStack STACK = LocalStack.shared();
    private static final String DATABASE = "rec_uuid_svc";
    private static final String TOPIC = "rec_uuid.document";
    private static final String CONNECTOR = "rec-uuid-reconcile";
    private static final String GOOD = "6f1c2a3e-58b4-4d0a-9a53-1f0f1b6b7c01";
    private static final String CHANGED = "6f1c2a3e-58b4-4d0a-9a53-1f0f1b6b7c02";

    @BeforeAll
    static void setUp() {
        PostgresServer postgres = STACK.postgres();
        postgres.createDatabase(DATABASE);
        postgres.execute(DATABASE,
                "CREATE TABLE IF NOT EXISTS document (doc_id uuid PRIMARY KEY, title text)",
                "INSERT INTO document VALUES ('" + GOOD + "', 'Same'), ('" + CHANGED + "', 'Original') ON CONFLICT DO NOTHING");
        STACK.kafka().createTopic(TOPIC, 1);
    }

    @AfterAll
    static void tearDown() {
        STACK.connect().deleteConnector(CONNECTOR);
    }

    @Test
    void aKeyTheTargetCannotHoldIsDeadLetteredAlone() throws Exception {
        PostgresServer postgres = STACK.postgres();
        STACK.connect().putConnector(CONNECTOR, Map.ofEntries(
                Map.entry("connector.class", ReconcileFixture.CONNECTOR_CLASS),
                Map.entry("topics", TOPIC),
                Map.entry("key.converter", "org.apache.kafka.connect.storage.StringConverter"),
                Map.entry("value.converter", "org.apache.kafka.connect.json.JsonConverter"),
                Map.entry("value.converter.schemas.enable", "false"),
                Map.entry("target.connection.url", postgres.jdbcUrl(DATABASE)),
                Map.entry("target.connection.user", postgres.user()),
                Map.entry("target.connection.password", postgres.password()),
                Map.entry("target.table", "document"),
                Map.entry("mapping.key", "docId:doc_id"),
                Map.entry("recheck.grace.period.ms", "2000"),
                Map.entry("errors.tolerance", "all"),
                Map.entry("errors.deadletterqueue.topic.name", TOPIC + ".dlq"),
                Map.entry("errors.deadletterqueue.topic.replication.factor", "1"),
                Map.entry("errors.deadletterqueue.context.headers.enable", "true")));
        STACK.connect().awaitConnectorRunning(CONNECTOR, Duration.ofMinutes(1));

        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.kafka().bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, GOOD, "{\"docId\": \"" + GOOD + "\", \"title\": \"Same\"}"));
            producer.send(new ProducerRecord<>(TOPIC, "D-17", "{\"docId\": \"D-17\", \"title\": \"Secret title\"}"));
            producer.send(new ProducerRecord<>(TOPIC, CHANGED, "{\"docId\": \"" + CHANGED + "\", \"title\": \"Changed\"}"));
            producer.flush();
        }

        List<ConsumerRecord<byte[], byte[]>> deadLetters = STACK.kafka().consume(TOPIC + ".dlq", 2, Duration.ofMinutes(2));
        assertThat(deadLetters).hasSize(2);
        assertThat(new String(deadLetters.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("D-17");
        assertThat(header(deadLetters.get(0), "__connect.errors.exception.message"))
                .startsWith("The target store refused the lookup of this record's key (SQLSTATE 22P02)")
                .doesNotContain("D-17").doesNotContain("Secret");
        assertThat(new String(deadLetters.get(1).key(), StandardCharsets.UTF_8)).isEqualTo(CHANGED);
        assertThat(header(deadLetters.get(1), "reconcile.kind")).isEqualTo("mismatch");
        assertThat(STACK.connect().status(CONNECTOR).get("tasks").get(0).get("state").asText()).isEqualTo("RUNNING");
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
