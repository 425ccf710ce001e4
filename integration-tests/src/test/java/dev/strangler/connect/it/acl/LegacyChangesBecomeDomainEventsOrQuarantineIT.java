package dev.strangler.connect.it.acl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.strangler.connect.harness.DebeziumPostgres;
import dev.strangler.connect.harness.Await;
import dev.strangler.connect.harness.LocalStack;
import dev.strangler.connect.harness.PostgresServer;

/**
 * The anti-corruption layer as a user runs it: the real Debezium Postgres connector captures a legacy policy table,
 * and a chain of ACL transforms configured only in the connector JSON (translation, unwrap, normalisation, domain
 * id, classification) turns each change into a domain event on a topic per event type. A row with a status code the
 * mapping does not know is quarantined with its reason, and nothing is lost: domain events plus quarantined records
 * equal the records Debezium captured.
 */
class LegacyChangesBecomeDomainEventsOrQuarantineIT {

    private static final String DATABASE = "acl_chain_legacy";
    private static final String PREFIX = "aclchain";
    private static final String CONNECTOR = "acl-chain-debezium";
    private static final String EVENTS = "aclchain.policy.";
    private static final String QUARANTINE = "aclchain.quarantine";
    private static final List<String> EVENT_TYPES = List.of("SnapshotRead", "Created", "Changed", "PolicyLapsed", "Deleted", "Tombstone");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalStack stack;

    @BeforeAll
    static void legacyTableWithHistory() {
        stack = LocalStack.shared();
        PostgresServer postgres = stack.postgres();
        postgres.createDatabase(DATABASE);
        postgres.execute(DATABASE,
                "CREATE TABLE policy (policy_no char(10) PRIMARY KEY, status char(1) NOT NULL, "
                        + "region_code varchar(8), active_flag char(1) NOT NULL, premium numeric(10,2))",
                // the before image on updates lets the ACL list the changed fields
                "ALTER TABLE policy REPLICA IDENTITY FULL",
                "INSERT INTO policy VALUES ('P-1', 'A', 'N12', 'Y', 1250.50), ('P-2', 'L', 'S7', 'N', 80.00)");
        EVENT_TYPES.forEach(type -> stack.kafka().createTopic(EVENTS + type, 1));
        stack.kafka().createTopic(QUARANTINE, 1);
    }

    @AfterAll
    static void removeConnector() {
        if (stack != null) {
            stack.connect().deleteConnector(CONNECTOR);
        }
    }

    /** The connector JSON of the README's worked example, pointed at this test's database. */
    private static Map<String, String> connectorConfig(PostgresServer postgres) {
        Map<String, String> config = DebeziumPostgres.capturing(postgres, DATABASE, PREFIX, "aclchain", "public.policy");
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("key.converter.schemas.enable", "false");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        config.put("transforms", "status,unwrap,normalise,identity,classify");
        config.put("transforms.status.type", "dev.strangler.connect.acl.ValueTranslation$Value");
        config.put("transforms.status.fields", "after.status,before.status");
        config.put("transforms.status.mapping", "A=ACTIVE, L=LAPSED, C=CANCELLED");
        config.put("transforms.status.unknown.policy", "quarantine");
        config.put("transforms.status.quarantine.topic", QUARANTINE);
        config.put("transforms.unwrap.type", "dev.strangler.connect.acl.DomainEventUnwrap");
        config.put("transforms.unwrap.quarantine.topic", QUARANTINE);
        config.put("transforms.normalise.type", "dev.strangler.connect.acl.NormaliseTypes$Value");
        config.put("transforms.normalise.boolean.fields", "active_flag");
        config.put("transforms.normalise.quarantine.topic", QUARANTINE);
        config.put("transforms.identity.type", "dev.strangler.connect.acl.AssignDomainId");
        config.put("transforms.identity.key.fields", "policy_no");
        config.put("transforms.identity.namespace", "policy");
        config.put("transforms.identity.value.field", "policyId");
        config.put("transforms.identity.quarantine.topic", QUARANTINE);
        config.put("transforms.classify.type", "dev.strangler.connect.acl.Classify");
        config.put("transforms.classify.rules",
                "PolicyLapsed: value.status == 'LAPSED' && headers['acl.event.type'] == 'Changed'");
        config.put("transforms.classify.topic.format", EVENTS + "${eventType}");
        config.put("transforms.classify.quarantine.topic", QUARANTINE);
        return config;
    }

    @Test
    void everyCapturedChangeIsADomainEventOrQuarantined() throws Exception {
        PostgresServer postgres = stack.postgres();
        Map<String, String> toValidate = new LinkedHashMap<>(connectorConfig(postgres));
        toValidate.put("name", CONNECTOR);
        JsonNode validation = stack.connect().validate("io.debezium.connector.postgresql.PostgresConnector", toValidate);
        assertThat(errors(validation)).as("validation errors of the chain").isEmpty();

        stack.connect().putConnector(CONNECTOR, connectorConfig(postgres));
        stack.connect().awaitConnectorRunning(CONNECTOR, Duration.ofMinutes(2));
        // the snapshot (P-1, P-2) must be read before the live changes, so they are not part of it
        List<ConsumerRecord<byte[], byte[]>> snapshot = stack.kafka().consume(EVENTS + "SnapshotRead", 2, Duration.ofMinutes(2));

        postgres.execute(DATABASE,
                "INSERT INTO policy VALUES ('P-3', 'A', 'N40', 'Y', 99.90)",
                "UPDATE policy SET status = 'L' WHERE policy_no = 'P-1'",
                "INSERT INTO policy VALUES ('P-4', 'Z', 'N41', 'Y', 10.00)",
                "DELETE FROM policy WHERE policy_no = 'P-2'");
        int captured = 2 /* snapshot */ + 1 /* insert P-3 */ + 1 /* update */ + 1 /* insert P-4 */ + 2 /* delete + tombstone */;

        List<ConsumerRecord<byte[], byte[]>> created = stack.kafka().consume(EVENTS + "Created", 1, Duration.ofMinutes(2));
        List<ConsumerRecord<byte[], byte[]>> lapsed = stack.kafka().consume(EVENTS + "PolicyLapsed", 1, Duration.ofMinutes(2));
        List<ConsumerRecord<byte[], byte[]>> deleted = stack.kafka().consume(EVENTS + "Deleted", 1, Duration.ofMinutes(2));
        List<ConsumerRecord<byte[], byte[]>> tombstones = stack.kafka().consume(EVENTS + "Tombstone", 1, Duration.ofMinutes(2));
        List<ConsumerRecord<byte[], byte[]>> quarantined = stack.kafka().consume(QUARANTINE, 1, Duration.ofMinutes(2));

        // the lapse: translated, unwrapped, normalised, identified, classified
        ConsumerRecord<byte[], byte[]> lapse = lapsed.get(0);
        String p1 = uuid5(namespace("policy"), "P-1").toString();
        assertThat(JSON.readTree(lapse.key())).isEqualTo(JSON.readTree("{\"id\": \"" + p1 + "\"}"));
        JsonNode lapseValue = JSON.readTree(lapse.value());
        assertThat(lapseValue.path("policy_no").asText()).isEqualTo("P-1");   // trimmed CHAR(10)
        assertThat(lapseValue.path("status").asText()).isEqualTo("LAPSED");
        assertThat(lapseValue.path("active_flag").isBoolean()).isTrue();
        assertThat(lapseValue.path("active_flag").asBoolean()).isTrue();
        assertThat(lapseValue.path("policyId").asText()).isEqualTo(p1);
        assertThat(headers(lapse)).containsEntry("acl.event.type", "PolicyLapsed").containsEntry("acl.operation", "u")
                .containsEntry("acl.changed.fields", "status").containsEntry("acl.backfill", "false")
                .containsEntry("acl.source.table", "policy");

        // history is tagged as backfill
        assertThat(snapshot).allSatisfy(record -> assertThat(headers(record)).containsEntry("acl.backfill", "true"));

        // the bad row is quarantined unchanged, with the reason
        ConsumerRecord<byte[], byte[]> bad = quarantined.get(0);
        assertThat(headers(bad)).containsEntry("acl.quarantined", "true")
                .containsEntry("acl.quarantine.transform", "ValueTranslation")
                .containsEntry("acl.quarantine.rule", "after.status")
                .containsEntry("acl.quarantine.reason", "unknown-code")
                .containsEntry("acl.quarantine.original.topic", PREFIX + ".public.policy");
        JsonNode envelope = JSON.readTree(bad.value());
        assertThat(envelope.path("op").asText()).isEqualTo("c");
        assertThat(envelope.path("after").path("status").asText()).isEqualTo("Z");

        // deletes keep the aggregate's key; the tombstone too
        String p2 = uuid5(namespace("policy"), "P-2").toString();
        assertThat(JSON.readTree(deleted.get(0).key()).path("id").asText()).isEqualTo(p2);
        assertThat(JSON.readTree(tombstones.get(0).key()).path("id").asText()).isEqualTo(p2);
        assertThat(tombstones.get(0).value()).isNull();

        // nothing lost, nothing extra: translated + quarantined = captured
        Await.until("all " + captured + " captured records to be accounted for", Duration.ofMinutes(1),
                () -> countAll() == captured);
        assertThat(stack.kafka().consumeAll(QUARANTINE, Duration.ofSeconds(30), false)).hasSize(1);
        assertThat(stack.kafka().consumeAll(EVENTS + "Created", Duration.ofSeconds(30), false)).hasSize(1);
        assertThat(stack.connect().status(CONNECTOR).path("tasks").get(0).path("state").asText()).isEqualTo("RUNNING");
    }

    private static List<String> errors(JsonNode validation) {
        List<String> errors = new ArrayList<>();
        validation.path("configs").forEach(config -> config.path("value").path("errors")
                .forEach(error -> errors.add(config.path("value").path("name").asText() + ": " + error.asText())));
        return errors;
    }

    private static long countAll() {
        List<String> topics = new ArrayList<>();
        EVENT_TYPES.forEach(type -> topics.add(EVENTS + type));
        topics.add(QUARANTINE);
        return topics.stream().mapToLong(topic -> stack.kafka().consumeAll(topic, Duration.ofSeconds(30), false).size()).sum();
    }

    private static Map<String, String> headers(ConsumerRecord<byte[], byte[]> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    /** RFC 9562 UUID v5, computed here independently of the plugin: ids must be reproducible outside it. */
    private static UUID uuid5(UUID namespace, String name) throws NoSuchAlgorithmException {
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        sha1.update(ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits()).array());
        sha1.update(name.getBytes(StandardCharsets.UTF_8));
        ByteBuffer hash = ByteBuffer.wrap(sha1.digest());
        long msb = (hash.getLong() & ~0xF000L) | 0x5000L;
        long lsb = (hash.getLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }

    private static UUID namespace(String aggregate) throws NoSuchAlgorithmException {
        return uuid5(UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8"), "urn:strangler:aggregate:" + aggregate);
    }
}
