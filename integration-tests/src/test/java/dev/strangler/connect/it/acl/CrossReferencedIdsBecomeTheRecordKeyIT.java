package dev.strangler.connect.it.acl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.strangler.connect.harness.DebeziumPostgres;
import dev.strangler.connect.harness.LocalStack;
import dev.strangler.connect.harness.PostgresServer;

/**
 * When the new system mints its own ids, the ACL reads them from its cross-reference table: a legacy change whose
 * key is recorded gets the recorded id as its record key; one whose key is not recorded yet is quarantined, and is
 * found as soon as the new system records it (misses are not cached).
 */
class CrossReferencedIdsBecomeTheRecordKeyIT {

    private static final String DATABASE = "acl_xref_legacy";
    private static final String PREFIX = "aclxref";
    private static final String CONNECTOR = "acl-xref-debezium";
    private static final String EVENTS = "aclxref.policy.events";
    private static final String QUARANTINE = "aclxref.quarantine";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalStack stack;

    @BeforeAll
    static void legacyTableAndCrossReference() {
        stack = LocalStack.shared();
        PostgresServer postgres = stack.postgres();
        postgres.createDatabase(DATABASE);
        postgres.execute(DATABASE,
                "CREATE TABLE policy (branch char(3) NOT NULL, policy_no integer NOT NULL, status char(1) NOT NULL, "
                        + "PRIMARY KEY (branch, policy_no))",
                "CREATE SCHEMA xref",
                "CREATE TABLE xref.policy_ids (branch varchar(3) NOT NULL, policy_no integer NOT NULL, policy_id text NOT NULL, "
                        + "PRIMARY KEY (branch, policy_no))",
                "INSERT INTO xref.policy_ids VALUES ('ZH', 1, 'POL-000001')",
                "INSERT INTO policy VALUES ('ZH', 1, 'A')");
        stack.kafka().createTopic(EVENTS, 1);
        stack.kafka().createTopic(QUARANTINE, 1);
    }

    @AfterAll
    static void removeConnector() {
        if (stack != null) {
            stack.connect().deleteConnector(CONNECTOR);
        }
    }

    @Test
    void recordedIdsKeyTheEventsAndUnrecordedKeysWaitInQuarantine() throws Exception {
        PostgresServer postgres = stack.postgres();
        Map<String, String> config = DebeziumPostgres.capturing(postgres, DATABASE, PREFIX, "aclxref", "public.policy");
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("key.converter.schemas.enable", "false");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        config.put("transforms", "unwrap,identity,route");
        config.put("transforms.unwrap.type", "dev.strangler.connect.acl.DomainEventUnwrap");
        config.put("transforms.unwrap.tombstone.handling", "drop");
        config.put("transforms.identity.type", "dev.strangler.connect.acl.LookupDomainId");
        config.put("transforms.identity.key.fields", "branch,policy_no");
        config.put("transforms.identity.xref.table", "xref.policy_ids");
        config.put("transforms.identity.xref.key.columns", "branch,policy_no");
        config.put("transforms.identity.xref.id.column", "policy_id");
        config.put("transforms.identity.xref.connection.url", postgres.jdbcUrl(DATABASE));
        config.put("transforms.identity.xref.connection.user", postgres.user());
        config.put("transforms.identity.xref.connection.password", postgres.password());
        config.put("transforms.identity.quarantine.topic", QUARANTINE);
        // Kafka's own router, told to leave quarantined records where the ACL sent them
        config.put("transforms.route.type", "org.apache.kafka.connect.transforms.RegexRouter");
        config.put("transforms.route.regex", ".*");
        config.put("transforms.route.replacement", EVENTS);
        config.put("transforms.route.predicate", "isQuarantined");
        config.put("transforms.route.negate", "true");
        config.put("predicates", "isQuarantined");
        config.put("predicates.isQuarantined.type", "org.apache.kafka.connect.transforms.predicates.HasHeaderKey");
        config.put("predicates.isQuarantined.name", "acl.quarantined");

        stack.connect().putConnector(CONNECTOR, config);
        stack.connect().awaitConnectorRunning(CONNECTOR, Duration.ofMinutes(2));
        List<ConsumerRecord<byte[], byte[]>> snapshot = stack.kafka().consume(EVENTS, 1, Duration.ofMinutes(2));
        assertThat(JSON.readTree(snapshot.get(0).key())).isEqualTo(JSON.readTree("{\"id\": \"POL-000001\"}"));

        postgres.execute(DATABASE, "INSERT INTO policy VALUES ('BE', 7, 'A')");
        List<ConsumerRecord<byte[], byte[]>> quarantined = stack.kafka().consume(QUARANTINE, 1, Duration.ofMinutes(2));
        assertThat(header(quarantined.get(0), "acl.quarantine.reason")).isEqualTo("identity");
        assertThat(header(quarantined.get(0), "acl.quarantine.detail"))
                .isEqualTo("No domain id is recorded in xref.policy_ids for this key yet");

        postgres.execute(DATABASE,
                "INSERT INTO xref.policy_ids VALUES ('BE', 7, 'POL-000007')",
                "UPDATE policy SET status = 'L' WHERE branch = 'BE' AND policy_no = 7");
        List<ConsumerRecord<byte[], byte[]>> events = stack.kafka().consume(EVENTS, 2, Duration.ofMinutes(2));
        assertThat(JSON.readTree(events.get(1).key())).isEqualTo(JSON.readTree("{\"id\": \"POL-000007\"}"));
        assertThat(JSON.readTree(events.get(1).value()).path("status").asText()).isEqualTo("L");
        assertThat(header(events.get(1), "acl.event.type")).isEqualTo("Changed");
        assertThat(stack.kafka().consumeAll(QUARANTINE, Duration.ofSeconds(30), false)).hasSize(1);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
