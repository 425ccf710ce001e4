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
 * Redelivered and out-of-order events (at-least-once delivery, a replay, a producer retry) never move a legacy row
 * back to an older version: the version guard keeps the newest state, within a batch and across batches, and a
 * soft-deleted row is not revived by a stale event.
 */
class DuplicatedAndReorderedEventsNeverRegressRowsIT {

    private static LegacySinkFixture sink;

    @BeforeAll
    static void createSchemaAndTopic() {
        sink = LegacySinkFixture.withEndorsementSchema("legacy-reordered");
    }

    @Test
    void theNewestVersionWinsWhateverTheOrderAndRepetition() {
        sink.start();

        try (KafkaProducer<String, String> producer = sink.producer()) {
            // Likely one batch: versions out of order with a duplicate of the newest carrying other content.
            for (long version : new long[] {3, 1, 5, 2}) {
                sink.send(producer, "P-10", "EndorsementApproved",
                        LegacySinkFixture.approved("P-10", 1, version, "ADDRESS_CHANGE", "v" + version, version));
            }
            sink.send(producer, "P-10", "EndorsementApproved",
                    LegacySinkFixture.approved("P-10", 1, 5, "BENEFICIARY_CHANGE", "v5-duplicate", 99));
            Await.until("P-10 at version 5", Duration.ofMinutes(2), () -> versionOf("P-10") == 5L);

            // Later batches: stale and duplicate versions arrive after the newest one is stored.
            for (long version : new long[] {4, 5, 2}) {
                sink.send(producer, "P-10", "EndorsementApproved",
                        LegacySinkFixture.approved("P-10", 1, version, "BENEFICIARY_CHANGE", "late v" + version, 50 + version));
            }
            // A soft delete at version 6, then a stale approval at version 4 that must not revive the row.
            sink.send(producer, "P-11", "EndorsementApproved",
                    LegacySinkFixture.approved("P-11", 1, 2, "ADDRESS_CHANGE", "v2", 1));
            sink.send(producer, "P-11", "EndorsementCancelled", LegacySinkFixture.cancelled("P-11", 1, 6));
            sink.send(producer, "P-11", "EndorsementApproved",
                    LegacySinkFixture.approved("P-11", 1, 4, "ADDRESS_CHANGE", "stale v4", 1));
            // A sentinel after everything else on the same partition: once it landed, everything before it was applied.
            sink.send(producer, "P-12", "EndorsementApproved",
                    LegacySinkFixture.approved("P-12", 1, 1, "ADDRESS_CHANGE", "sentinel", 1));
        }
        Await.until("the sentinel P-12", Duration.ofMinutes(2), () -> versionOf("P-12") == 1L);

        assertThat(sink.query("SELECT txn_code, note, event_version, status_cd FROM legacy.policy_version WHERE policy_no = 'P-10'"))
                .containsExactly(Map.of("txn_code", "ADR", "note", "v5", "event_version", 5L, "status_cd", "A"));
        assertThat(sink.query("SELECT amount::text AS amount, event_version FROM legacy.policy_version_line WHERE policy_no = 'P-10'"))
                .containsExactly(Map.of("amount", "5.00", "event_version", 5L));
        assertThat(sink.query("SELECT note, event_version, status_cd FROM legacy.policy_version WHERE policy_no = 'P-11'"))
                .containsExactly(Map.of("note", "v2", "event_version", 6L, "status_cd", "X"));
        assertThat(sink.deadLetters(Duration.ofSeconds(30))).isEmpty();
        assertThat(sink.taskState()).isEqualTo("RUNNING");
        sink.delete();
    }

    private static long versionOf(String policy) {
        List<Map<String, Object>> rows = sink.query("SELECT event_version FROM legacy.policy_version WHERE policy_no = '" + policy + "'");
        return rows == null || rows.isEmpty() ? -1 : ((Number) rows.get(0).get("event_version")).longValue();
    }
}
