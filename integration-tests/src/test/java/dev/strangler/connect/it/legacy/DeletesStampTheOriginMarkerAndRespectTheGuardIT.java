package dev.strangler.connect.it.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.strangler.connect.harness.Await;
import dev.strangler.connect.harness.LocalStack;

/**
 * Hard deletes, from Deleted events and from tombstones: a delete applies only when it is newer than the row, and
 * the row a delete removes carries the origin marker (stamped just before the delete, in the same transaction), so
 * the legacy CDC sees the removal as the sink's own and the ACL drops it.
 */
class DeletesStampTheOriginMarkerAndRespectTheGuardIT {

    private static final String DATABASE = "legacy_deletes";
    private static final String TOPIC = "legacy-deletes.holds";
    private static final String DLQ = "legacy-deletes.dlq";
    private static final String CONNECTOR = "legacy-deletes";
    private static final String MAPPING = """
            tombstones: HoldPurged
            events:
              HoldPlaced:
                writes:
                  - table: legacy.policy_hold
                    mode: upsert
                    key: [policy_no]
                    columns: {policy_no: {field: policy}, reason_cd: {field: reason}}
                    guard: {column: event_version, field: version}
              HoldReleased:
                writes:
                  - table: legacy.policy_hold
                    mode: delete
                    key: [policy_no]
                    columns: {policy_no: {field: policy}}
                    guard: {column: event_version, field: version}
              HoldPurged:
                writes:
                  - table: legacy.policy_hold
                    mode: delete
                    key: [policy_no]
                    columns: {policy_no: {key: ""}}
            """;
    private static LocalStack stack;

    @BeforeAll
    static void createSchema() {
        stack = LocalStack.shared();
        stack.postgres().createDatabase(DATABASE);
        stack.postgres().execute(DATABASE,
                "CREATE SCHEMA legacy",
                "CREATE TABLE legacy.policy_hold (policy_no varchar(12) PRIMARY KEY, reason_cd char(2),"
                        + " event_version bigint, strangler_origin varchar(40))",
                // A hold placed by the legacy application itself, without the marker.
                "INSERT INTO legacy.policy_hold VALUES ('H-4', 'LG', 3, NULL)");
        // Who removed a row, according to the marker it carried.
        stack.postgres().execute(DATABASE, LegacySinkFixture.rememberRemovedRows("legacy.policy_hold", "policy_no"));
        stack.kafka().createTopic(TOPIC, 1);
    }

    @Test
    void deletesApplyOnlyWhenNewerAndLeaveTheMarkerOnTheRemovedRow() {
        LegacySinkFixture.start(stack, CONNECTOR, DATABASE, TOPIC, DLQ, MAPPING);

        try (KafkaProducer<String, String> producer = LegacySinkFixture.producer(stack)) {
            for (String policy : List.of("H-1", "H-2", "H-3")) {
                LegacySinkFixture.send(producer, TOPIC, policy, "HoldPlaced",
                        "{\"policy\": \"" + policy + "\", \"reason\": \"FR\", \"version\": 5}");
            }
            LegacySinkFixture.send(producer, TOPIC, "H-1", "HoldReleased", "{\"policy\": \"H-1\", \"version\": 6}");
            LegacySinkFixture.send(producer, TOPIC, "H-2", "HoldReleased", "{\"policy\": \"H-2\", \"version\": 4}"); // stale
            LegacySinkFixture.send(producer, TOPIC, "H-4", "HoldReleased", "{\"policy\": \"H-4\", \"version\": 9}"); // legacy's row
            try {
                producer.send(new ProducerRecord<>(TOPIC, 0, "H-3", null)).get(); // tombstone
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            LegacySinkFixture.send(producer, TOPIC, "H-9", "HoldPlaced", "{\"policy\": \"H-9\", \"reason\": \"ZZ\", \"version\": 1}");
        }
        Await.until("the sentinel H-9", Duration.ofMinutes(2), () ->
                LegacySinkFixture.count(stack, DATABASE, "SELECT count(*) FROM legacy.policy_hold WHERE policy_no = 'H-9'") == 1);

        assertThat(LegacySinkFixture.query(stack, DATABASE, "SELECT policy_no, event_version FROM legacy.policy_hold ORDER BY policy_no"))
                .containsExactly(Map.of("policy_no", "H-2", "event_version", 5L), Map.of("policy_no", "H-9", "event_version", 1L));
        assertThat(LegacySinkFixture.query(stack, DATABASE,
                "SELECT policy_no, strangler_origin FROM legacy.policy_hold_removed ORDER BY policy_no"))
                .containsExactly(Map.of("policy_no", "H-1", "strangler_origin", "strangler-connect"),
                        Map.of("policy_no", "H-3", "strangler_origin", "strangler-connect"),
                        Map.of("policy_no", "H-4", "strangler_origin", "strangler-connect"));
        assertThat(stack.kafka().consumeAll(DLQ, Duration.ofSeconds(30), false)).isEmpty();
        assertThat(LegacySinkFixture.taskState(stack, CONNECTOR)).isEqualTo("RUNNING");
        stack.connect().deleteConnector(CONNECTOR);
    }
}
