package dev.strangler.connect.it.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.strangler.connect.harness.Await;
import dev.strangler.connect.harness.DebeziumPostgres;
import dev.strangler.connect.harness.LocalStack;
import dev.strangler.connect.harness.PostgresServer;

/**
 * The repair hook end to end: legacy changes captured by the real Debezium connector are reconciled against the
 * service's table; a confirmed mismatch inserts an {@code execute-snapshot} signal into legacy's signal table, and
 * Debezium answers with an incremental-snapshot read ({@code op: r}) of exactly that key, which a pipeline that
 * writes the service's table would use to overwrite the diverged row.
 */
class ConfirmedMismatchRequestsADebeziumSnapshotIT {

    private static final LocalStack STACK = LocalStack.shared();
    private static final String LEGACY = "rec_repair_legacy";
    private static final String PREFIX = "rec_repair";
    private static ReconcileFixture fixture;

    @BeforeAll
    static void setUp() {
        fixture = new ReconcileFixture(STACK, "rec_repair");
        fixture.createTargetStore();
        PostgresServer postgres = STACK.postgres();
        postgres.createDatabase(LEGACY);
        postgres.execute(LEGACY,
                "CREATE TABLE IF NOT EXISTS policy (policy_id bigint PRIMARY KEY, holder varchar(80), premium numeric(12,2))",
                "CREATE TABLE IF NOT EXISTS debezium_signal (id varchar(64) PRIMARY KEY, type varchar(32) NOT NULL, data text)",
                "INSERT INTO policy SELECT g, 'Holder ' || g, 100 FROM generate_series(1, 20) g ON CONFLICT DO NOTHING");
        for (long id = 1; id <= 20; id++) {
            fixture.insertTarget(id, id == 7 ? "Diverged" : "Holder " + id, "100.00", 0.25, "ACTIVE", "2026-03-01 10:15:30");
        }
    }

    @AfterAll
    static void tearDown() {
        fixture.stop();
        STACK.connect().deleteConnector(PREFIX + "-debezium");
    }

    @Test
    void aConfirmedMismatchTriggersAnIncrementalSnapshotOfItsKey() {
        PostgresServer postgres = STACK.postgres();
        String topic = PREFIX + ".public.policy";
        Map<String, String> debezium = DebeziumPostgres.capturing(postgres, LEGACY, PREFIX, "rec_repair",
                "public.policy,public.debezium_signal");
        debezium.put("signal.data.collection", "public.debezium_signal");
        debezium.put("decimal.handling.mode", "string");
        debezium.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        debezium.put("key.converter.schemas.enable", "false");
        debezium.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        debezium.put("value.converter.schemas.enable", "false");
        STACK.connect().putConnector(PREFIX + "-debezium", debezium);
        STACK.connect().awaitConnectorRunning(PREFIX + "-debezium", Duration.ofMinutes(2));

        Map<String, String> config = fixture.connectorConfig(Duration.ofSeconds(3));
        config.put("topics", topic);
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("key.converter.schemas.enable", "false");
        config.put("mapping.key", "policy_id");
        config.put("mapping.fields", "holder:holder_name,premium");
        config.put("source.connection.url", postgres.jdbcUrl(LEGACY));
        config.put("source.connection.user", postgres.user());
        config.put("source.connection.password", postgres.password());
        config.put("repair.mode", "debezium-signal");
        config.put("repair.signal.table", "public.debezium_signal");
        config.put("repair.data.collection", "public.policy");
        fixture.start(config);

        fixture.awaitFindingOf("7", Duration.ofMinutes(2));
        JsonNode signal = Await.value("a snapshot signal in legacy", Duration.ofMinutes(1), () -> signalData(postgres));
        assertThat(signal.get("data-collections").get(0).asText()).isEqualTo("public.policy");
        assertThat(signal.get("additional-conditions").get(0).get("filter").asText()).isEqualTo("\"policy_id\" = 7");

        List<ConsumerRecord<byte[], byte[]>> snapshotReads = Await.value("Debezium's incremental snapshot read of key 7",
                Duration.ofMinutes(2), () -> {
                    List<ConsumerRecord<byte[], byte[]>> reads = STACK.kafka().consumeAll(topic, Duration.ofSeconds(10), false).stream()
                            .filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains("\"snapshot\":\"incremental\""))
                            .toList();
                    return reads.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(reads);
                });
        assertThat(snapshotReads).allSatisfy(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8))
                .contains("\"policy_id\":7").contains("\"holder\":\"Holder 7\""));
        assertThat(fixture.findings()).extracting(ReconcileFixture.FindingRow::rowKey).containsOnly("7");
    }

    private static java.util.Optional<JsonNode> signalData(PostgresServer postgres) {
        try (var connection = postgres.connect(LEGACY); var statement = connection.createStatement();
             var rs = statement.executeQuery("SELECT data FROM debezium_signal WHERE type = 'execute-snapshot' ORDER BY id LIMIT 1")) {
            return rs.next() ? java.util.Optional.of(ReconcileFixture.JSON.readTree(rs.getString(1))) : java.util.Optional.empty();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
