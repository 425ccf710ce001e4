package dev.strangler.connect.it.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.strangler.connect.harness.Await;

/**
 * Hard deletes, from Deleted events and from tombstones: a delete applies only when it is newer than the row, and
 * the row a delete removes carries the origin marker (stamped just before the delete, in the same transaction), so
 * the legacy CDC sees the removal as the sink's own and the ACL drops it.
 */
class DeletesStampTheOriginMarkerAndRespectTheGuardIT {

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
    private static LegacySinkFixture sink;

    @BeforeAll
    static void createSchema() {
        sink = LegacySinkFixture.withEmptyDatabase("legacy-deletes", "holds");
        sink.execute(
                "CREATE SCHEMA legacy",
                "CREATE TABLE legacy.policy_hold (policy_no varchar(12) PRIMARY KEY, reason_cd char(2),"
                        + " event_version bigint, strangler_origin varchar(40))",
                // A hold placed by the legacy application itself, without the marker.
                "INSERT INTO legacy.policy_hold VALUES ('H-4', 'LG', 3, NULL)");
        // Who removed a row, according to the marker it carried.
        sink.execute(LegacySinkFixture.rememberRemovedRows("legacy.policy_hold", "policy_no"));
    }

    @Test
    void deletesApplyOnlyWhenNewerAndLeaveTheMarkerOnTheRemovedRow() {
        sink.start(MAPPING);

        try (KafkaProducer<String, String> producer = sink.producer()) {
            for (String policy : List.of("H-1", "H-2", "H-3")) {
                sink.send(producer, policy, "HoldPlaced",
                        "{\"policy\": \"" + policy + "\", \"reason\": \"FR\", \"version\": 5}");
            }
            sink.send(producer, "H-1", "HoldReleased", "{\"policy\": \"H-1\", \"version\": 6}");
            sink.send(producer, "H-2", "HoldReleased", "{\"policy\": \"H-2\", \"version\": 4}"); // stale
            sink.send(producer, "H-4", "HoldReleased", "{\"policy\": \"H-4\", \"version\": 9}"); // legacy's row
            sink.send(producer, "H-3", null, null); // tombstone
            sink.send(producer, "H-9", "HoldPlaced", "{\"policy\": \"H-9\", \"reason\": \"ZZ\", \"version\": 1}");
        }
        Await.until("the sentinel H-9", Duration.ofMinutes(2), () ->
                sink.count("SELECT count(*) FROM legacy.policy_hold WHERE policy_no = 'H-9'") == 1);

        assertThat(sink.query("SELECT policy_no, event_version FROM legacy.policy_hold ORDER BY policy_no"))
                .containsExactly(Map.of("policy_no", "H-2", "event_version", 5L), Map.of("policy_no", "H-9", "event_version", 1L));
        assertThat(sink.query("SELECT policy_no, strangler_origin FROM legacy.policy_hold_removed ORDER BY policy_no"))
                .containsExactly(Map.of("policy_no", "H-1", "strangler_origin", "strangler-connect"),
                        Map.of("policy_no", "H-3", "strangler_origin", "strangler-connect"),
                        Map.of("policy_no", "H-4", "strangler_origin", "strangler-connect"));
        assertThat(sink.deadLetters(Duration.ofSeconds(30))).isEmpty();
        assertThat(sink.taskState()).isEqualTo("RUNNING");
        sink.delete();
    }
}
