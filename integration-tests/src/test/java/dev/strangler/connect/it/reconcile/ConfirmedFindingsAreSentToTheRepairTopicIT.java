package dev.strangler.connect.it.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.strangler.connect.harness.Await;
import dev.strangler.connect.harness.LocalStack;
import dev.strangler.connect.harness.PostgresServer;

/**
 * The repair topic end to end, for both kinds of check: a mismatch the stream confirms (key 7, whose event the
 * target contradicts) and a drift only the state-level check can see (key 15, never streamed) each become one
 * request record on the repair topic (key = row key, JSON value naming the row, headers run id, scope, kind, rule,
 * level), and both findings also reach the mismatch topic, as every confirmed finding must.
 */
class ConfirmedFindingsAreSentToTheRepairTopicIT {

    private static final LocalStack STACK = LocalStack.shared();
    private static final String LEGACY = "rec_repairtopic_legacy";
    private static ReconcileFixture fixture;
    private static String repairTopic;

    @BeforeAll
    static void setUp() {
        fixture = new ReconcileFixture(STACK, "rec_repairtopic");
        fixture.createTargetStore();
        repairTopic = fixture.topic + ".repair";
        STACK.kafka().createTopic(repairTopic, 1);
        PostgresServer postgres = STACK.postgres();
        postgres.createDatabase(LEGACY);
        // The state check reads the source with the records' field names as columns.
        postgres.execute(LEGACY,
                "CREATE TABLE IF NOT EXISTS policy (\"policyId\" bigint PRIMARY KEY, holder varchar(80), premium numeric(12,2))",
                "INSERT INTO policy SELECT g, 'Holder ' || g, 100 FROM generate_series(1, 20) g ON CONFLICT DO NOTHING");
        for (long id = 1; id <= 20; id++) {
            String holder = id == 7 ? "Diverged" : id == 15 ? "Drifted" : "Holder " + id;
            fixture.insertTarget(id, holder, "100.00", 0.25, "ACTIVE", "2026-03-01 10:15:30");
        }
    }

    @AfterAll
    static void tearDown() {
        fixture.stop();
    }

    @Test
    void streamAndStateFindingsBecomeRepairRequestsAndReachTheMismatchTopic() {
        PostgresServer postgres = STACK.postgres();
        Map<String, String> config = fixture.connectorConfig(Duration.ofSeconds(2));
        config.put("mapping.fields", "holder:holder_name,premium");
        config.put("repair.mode", "topic");
        config.put("repair.topic", repairTopic);
        config.put("repair.kafka.bootstrap.servers", STACK.kafka().bootstrapServers());
        config.put("source.connection.url", postgres.jdbcUrl(LEGACY));
        config.put("source.connection.user", postgres.user());
        config.put("source.connection.password", postgres.password());
        config.put("state.source.table", "public.policy");
        config.put("state.check.interval.ms", "3000");
        fixture.start(config);
        List<Map<String, Object>> events = new ArrayList<>();
        for (long id = 1; id <= 10; id++) {
            events.add(ReconcileFixture.event(id, "Holder " + id, "100.00", 0.25, "A", "2026-03-01T10:15:30Z"));
        }
        fixture.publish(events);

        List<ConsumerRecord<byte[], byte[]>> requests = Await.value("repair requests for the stream's key 7 and the state's key 15",
                Duration.ofMinutes(2), () -> {
                    List<ConsumerRecord<byte[], byte[]>> all = STACK.kafka().consumeAll(repairTopic, Duration.ofSeconds(10), false);
                    boolean stream = all.stream().anyMatch(r -> key(r).equals("7") && header(r, "reconcile.check.level").equals("record"));
                    boolean state = all.stream().anyMatch(r -> key(r).equals("15") && header(r, "reconcile.check.level").equals("state"));
                    return stream && state ? Optional.of(all) : Optional.empty();
                });

        assertThat(requests).extracting(ConfirmedFindingsAreSentToTheRepairTopicIT::key).containsOnly("7", "15");
        ConsumerRecord<byte[], byte[]> streamRequest = requests.stream()
                .filter(r -> header(r, "reconcile.check.level").equals("record")).findFirst().orElseThrow();
        assertThat(header(streamRequest, "reconcile.scope")).isEqualTo("policy");
        assertThat(header(streamRequest, "reconcile.kind")).isEqualTo("mismatch");
        assertThat(header(streamRequest, "reconcile.rule")).isEqualTo("field-compare");
        assertThat(header(streamRequest, "reconcile.run.id")).isNotBlank();
        JsonNode streamValue = json(streamRequest);
        assertThat(streamValue.get("row_key").asText()).isEqualTo("7");
        assertThat(streamValue.get("key").get("policyId").asText()).isEqualTo("7");
        assertThat(streamValue.get("differing_fields")).extracting(JsonNode::asText).containsExactly("holder");
        assertThat(streamValue.toString()).doesNotContain("Diverged"); // no field value travels with a request

        ConsumerRecord<byte[], byte[]> stateRequest = requests.stream()
                .filter(r -> header(r, "reconcile.check.level").equals("state")).findFirst().orElseThrow();
        assertThat(header(stateRequest, "reconcile.rule")).isEqualTo("range-checksum");
        assertThat(header(stateRequest, "reconcile.kind")).isEqualTo("mismatch");
        assertThat(json(stateRequest).get("key_range").asText()).startsWith("[");

        // The same findings, as evidence, on the mismatch topic: the state-level one included.
        Await.until("stream and state findings on the mismatch topic", Duration.ofMinutes(1), () -> {
            List<ConsumerRecord<byte[], byte[]>> mismatches = STACK.kafka().consumeAll(fixture.topic + ".mismatch", Duration.ofSeconds(10), false);
            return mismatches.stream().anyMatch(r -> key(r).equals("7") && new String(r.value(), StandardCharsets.UTF_8).contains("\"check_level\":\"record\""))
                    && mismatches.stream().anyMatch(r -> key(r).equals("15") && new String(r.value(), StandardCharsets.UTF_8).contains("\"check_level\":\"state\""));
        });
        assertThat(fixture.findings()).extracting(f -> f.rowKey() + ":" + f.checkLevel()).contains("7:record", "15:state");
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8).replace("\"", "");
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static JsonNode json(ConsumerRecord<byte[], byte[]> record) {
        try {
            return ReconcileFixture.JSON.readTree(record.value());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON", e);
        }
    }
}
