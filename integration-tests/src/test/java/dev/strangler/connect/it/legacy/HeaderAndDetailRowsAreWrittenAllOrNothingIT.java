package dev.strangler.connect.it.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.strangler.connect.harness.Await;

/**
 * One event writes a header row and its detail rows in one transaction: either all of them land, or, when the
 * database refuses one detail row, none of them does and the event goes to the dead-letter queue with the reason,
 * while the events around it land.
 */
class HeaderAndDetailRowsAreWrittenAllOrNothingIT {

    private static LegacySinkFixture sink;

    @BeforeAll
    static void createSchemaAndTopic() {
        sink = LegacySinkFixture.withEndorsementSchema("legacy-all-or-nothing");
    }

    @Test
    void anEventWhoseDetailRowIsRefusedLeavesNoHeaderAndGoesToTheDeadLetterQueue() {
        try (KafkaProducer<String, String> producer = sink.producer()) {
            sink.send(producer, "P-1", "EndorsementApproved",
                    LegacySinkFixture.approved("P-1", 1, 1, "ADDRESS_CHANGE", "first", 10.5, 2.25));
            // The second line violates CHECK (amount >= 0): the whole event must be refused.
            sink.send(producer, "P-2", "EndorsementApproved",
                    LegacySinkFixture.approved("P-2", 1, 1, "ADDRESS_CHANGE", "poison", 3.0, -1.0));
            sink.send(producer, "P-3", "EndorsementApproved",
                    LegacySinkFixture.approved("P-3", 1, 1, "BENEFICIARY_CHANGE", "third", 7.0));
        }
        sink.start();

        Await.until("P-1 and P-3 with their lines in the legacy tables", Duration.ofMinutes(2), () ->
                sink.count("SELECT count(*) FROM legacy.policy_version_line WHERE policy_no IN ('P-1', 'P-3')") == 3);

        List<Map<String, Object>> headers = sink.query(
                "SELECT policy_no, txn_code, legacy_ref, event_version, strangler_origin FROM legacy.policy_version ORDER BY policy_no");
        assertThat(headers).containsExactly(
                Map.of("policy_no", "P-1", "txn_code", "ADR", "legacy_ref", "P-1/1", "event_version", 1L, "strangler_origin", "strangler-connect"),
                Map.of("policy_no", "P-3", "txn_code", "BEN", "legacy_ref", "P-3/1", "event_version", 1L, "strangler_origin", "strangler-connect"));
        assertThat(sink.query(
                "SELECT line_no, line_kind, amount::text AS amount FROM legacy.policy_version_line WHERE policy_no = 'P-1' ORDER BY line_no"))
                .containsExactly(Map.of("line_no", 1, "line_kind", "P", "amount", "10.50"),
                        Map.of("line_no", 2, "line_kind", "P", "amount", "2.25"));
        assertThat(sink.count("SELECT count(*) FROM legacy.policy_version_line WHERE policy_no = 'P-2'")).isZero();

        List<ConsumerRecord<byte[], byte[]>> deadLetters = sink.deadLetters(1, Duration.ofMinutes(1));
        assertThat(deadLetters).hasSize(1);
        ConsumerRecord<byte[], byte[]> deadLetter = deadLetters.get(0);
        assertThat(LegacySinkFixture.key(deadLetter)).isEqualTo("P-2");
        assertThat(LegacySinkFixture.header(deadLetter, "__connect.errors.exception.message"))
                .contains("SQLSTATE 23514", "policy_version_line_amount_check")
                .doesNotContain("-1");
        assertThat(sink.taskState()).isEqualTo("RUNNING");
        sink.delete();
    }
}
