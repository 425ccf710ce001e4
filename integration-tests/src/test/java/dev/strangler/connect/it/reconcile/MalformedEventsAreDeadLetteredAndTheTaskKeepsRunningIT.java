package dev.strangler.connect.it.reconcile;

import static dev.strangler.connect.it.reconcile.ReconcileFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.strangler.connect.harness.LocalStack;

/**
 * An event the reconciliation cannot read (without its key field, or with a key the target's key column cannot
 * hold) goes to the dead-letter topic with the
 * reason in its headers, without any field value in the reason, and the events after it are still reconciled.
 */
class MalformedEventsAreDeadLetteredAndTheTaskKeepsRunningIT {

    private static final LocalStack STACK = LocalStack.shared();
    private static ReconcileFixture fixture;

    @BeforeAll
    static void setUp() {
        fixture = new ReconcileFixture(STACK, "rec_malformed");
        fixture.createTargetStore();
    }

    @AfterAll
    static void tearDown() {
        fixture.stop();
    }

    @Test
    void aMalformedEventIsDeadLetteredAndReconciliationContinues() {
        fixture.insertTarget(2, "Other", "1.00", 0.25, "ACTIVE", "2026-03-01 10:15:30");
        Map<String, String> config = fixture.connectorConfig(Duration.ofSeconds(2));
        fixture.start(config);
        Map<String, Object> withoutKey = event(1, "Secret Person", 1, 0.25, "A", "2026-03-01T10:15:30Z");
        withoutKey.remove("policyId");

        Map<String, Object> textKey = event(3, "Secret Person", 1, 0.25, "A", "2026-03-01T10:15:30Z");
        textKey.put("policyId", "P-3"); // the service's table has a bigint key: this event cannot be looked up

        fixture.publish(List.of(withoutKey, textKey, event(2, "Changed", 1, 0.25, "A", "2026-03-01T10:15:30Z")));

        assertThat(fixture.awaitFindingOf("2", Duration.ofMinutes(2))).extracting(ReconcileFixture.FindingRow::rowKey).containsExactly("2");
        List<ConsumerRecord<byte[], byte[]>> deadLetters = STACK.kafka().consume(config.get("errors.deadletterqueue.topic.name"), 3,
                Duration.ofSeconds(30));
        assertThat(deadLetters).hasSize(3);
        ConsumerRecord<byte[], byte[]> malformed = deadLetters.get(0);
        assertThat(header(malformed, "__connect.errors.exception.class.name"))
                .isEqualTo("dev.strangler.connect.reconcile.MalformedRecordException");
        assertThat(header(malformed, "__connect.errors.exception.message"))
                .isEqualTo("Key field 'policyId' is missing or null in the record value and key")
                .doesNotContain("Secret");
        assertThat(header(deadLetters.get(1), "__connect.errors.exception.message"))
                .isEqualTo("Key field 'policyId' is not a number, as the key column requires");
        assertThat(header(deadLetters.get(2), "__connect.errors.exception.class.name"))
                .isEqualTo("dev.strangler.connect.reconcile.ConfirmedFindingException");
        assertThat(STACK.connect().status(fixture.connector).get("tasks").get(0).get("state").asText()).isEqualTo("RUNNING");
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
