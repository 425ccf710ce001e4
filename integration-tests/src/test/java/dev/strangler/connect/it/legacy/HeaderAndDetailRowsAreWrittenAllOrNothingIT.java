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
import dev.strangler.connect.harness.LocalStack;

/**
 * One event writes a header row and its detail rows in one transaction: either all of them land, or, when the
 * database refuses one detail row, none of them does and the event goes to the dead-letter queue with the reason,
 * while the events around it land.
 */
class HeaderAndDetailRowsAreWrittenAllOrNothingIT {

    private static final String DATABASE = "legacy_all_or_nothing";
    private static final String TOPIC = "legacy-all-or-nothing.endorsements";
    private static final String DLQ = "legacy-all-or-nothing.dlq";
    private static final String CONNECTOR = "legacy-all-or-nothing";
    private static LocalStack stack;

    @BeforeAll
    static void createSchema() {
        stack = LocalStack.shared();
        LegacySinkFixture.createLegacySchema(stack, DATABASE);
        stack.kafka().createTopic(TOPIC, 1);
    }

    @Test
    void anEventWhoseDetailRowIsRefusedLeavesNoHeaderAndGoesToTheDeadLetterQueue() {
        try (KafkaProducer<String, String> producer = LegacySinkFixture.producer(stack)) {
            LegacySinkFixture.send(producer, TOPIC, "P-1", "EndorsementApproved",
                    LegacySinkFixture.approved("P-1", 1, 1, "ADDRESS_CHANGE", "first", 10.5, 2.25));
            // The second line violates CHECK (amount >= 0): the whole event must be refused.
            LegacySinkFixture.send(producer, TOPIC, "P-2", "EndorsementApproved",
                    LegacySinkFixture.approved("P-2", 1, 1, "ADDRESS_CHANGE", "poison", 3.0, -1.0));
            LegacySinkFixture.send(producer, TOPIC, "P-3", "EndorsementApproved",
                    LegacySinkFixture.approved("P-3", 1, 1, "BENEFICIARY_CHANGE", "third", 7.0));
        }
        stack.connect().putConnector(CONNECTOR, LegacySinkFixture.connectorConfig(stack, DATABASE, TOPIC, DLQ));
        stack.connect().awaitConnectorRunning(CONNECTOR, Duration.ofMinutes(2));

        Await.until("P-1 and P-3 with their lines in the legacy tables", Duration.ofMinutes(2), () ->
                LegacySinkFixture.count(stack, DATABASE, "SELECT count(*) FROM legacy.policy_version_line WHERE policy_no IN ('P-1', 'P-3')") == 3);

        List<Map<String, Object>> headers = LegacySinkFixture.query(stack, DATABASE,
                "SELECT policy_no, txn_code, legacy_ref, event_version, strangler_origin FROM legacy.policy_version ORDER BY policy_no");
        assertThat(headers).containsExactly(
                Map.of("policy_no", "P-1", "txn_code", "ADR", "legacy_ref", "P-1/1", "event_version", 1L, "strangler_origin", "strangler-connect"),
                Map.of("policy_no", "P-3", "txn_code", "BEN", "legacy_ref", "P-3/1", "event_version", 1L, "strangler_origin", "strangler-connect"));
        assertThat(LegacySinkFixture.query(stack, DATABASE,
                "SELECT line_no, line_kind, amount::text AS amount FROM legacy.policy_version_line WHERE policy_no = 'P-1' ORDER BY line_no"))
                .containsExactly(Map.of("line_no", 1, "line_kind", "P", "amount", "10.50"),
                        Map.of("line_no", 2, "line_kind", "P", "amount", "2.25"));
        assertThat(LegacySinkFixture.count(stack, DATABASE,
                "SELECT count(*) FROM legacy.policy_version_line WHERE policy_no = 'P-2'")).isZero();

        List<ConsumerRecord<byte[], byte[]>> deadLetters = stack.kafka().consume(DLQ, 1, Duration.ofMinutes(1));
        assertThat(deadLetters).hasSize(1);
        ConsumerRecord<byte[], byte[]> deadLetter = deadLetters.get(0);
        assertThat(LegacySinkFixture.key(deadLetter)).isEqualTo("P-2");
        assertThat(LegacySinkFixture.header(deadLetter, "__connect.errors.exception.message"))
                .contains("SQLSTATE 23514", "policy_version_line_amount_check")
                .doesNotContain("-1");
        assertThat(LegacySinkFixture.taskState(stack, CONNECTOR)).isEqualTo("RUNNING");
        stack.connect().deleteConnector(CONNECTOR);
    }
}
