package dev.strangler.connect.it.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.strangler.connect.harness.Await;

/**
 * Records the projection cannot write (a domain value with no legacy code, a missing key field, a value the
 * legacy column cannot hold) go to the dead-letter queue, each with a reason that names the field or constraint
 * and not the data; every other record of the same batches lands and the task keeps running.
 */
class PoisonRecordsGoToTheDeadLetterQueueWhileOthersLandIT {

    private static LegacySinkFixture sink;

    @BeforeAll
    static void createSchemaAndTopic() {
        sink = LegacySinkFixture.withEndorsementSchema("legacy-poison");
    }

    @Test
    void poisonRecordsAreSetAsideWithTheirReason() {
        try (KafkaProducer<String, String> producer = sink.producer()) {
            sink.send(producer, "G-1", "EndorsementApproved",
                    LegacySinkFixture.approved("G-1", 1, 1, "ADDRESS_CHANGE", "good", 1));
            sink.send(producer, "B-unknown-kind", "EndorsementApproved",
                    LegacySinkFixture.approved("B-1", 1, 1, "NAME_CHANGE", "secret-note", 1));
            sink.send(producer, "B-no-policy", "EndorsementApproved",
                    "{\"sequence\": 1, \"version\": 1, \"kind\": \"ADDRESS_CHANGE\", \"note\": \"secret-note\"}");
            sink.send(producer, "B-too-long", "EndorsementApproved",
                    LegacySinkFixture.approved("B-3", 1, 1, "ADDRESS_CHANGE", "a note far longer than the forty characters the column holds", 1));
            sink.send(producer, "G-2", "EndorsementApproved",
                    LegacySinkFixture.approved("G-2", 1, 1, "BENEFICIARY_CHANGE", "good", 1));
            sink.send(producer, "G-3", "PolicyRenamed", "{\"policy\": {\"number\": \"G-3\"}}");
        }
        sink.start();

        Await.until("the good events G-1 and G-2", Duration.ofMinutes(2), () ->
                sink.count("SELECT count(*) FROM legacy.policy_version_line WHERE policy_no IN ('G-1', 'G-2')") == 2);
        List<ConsumerRecord<byte[], byte[]>> deadLetters = sink.deadLetters(3, Duration.ofMinutes(1));

        Map<String, String> reasons = new TreeMap<>();
        deadLetters.forEach(r -> reasons.put(LegacySinkFixture.key(r), LegacySinkFixture.header(r, "__connect.errors.exception.message")));
        assertThat(reasons).containsOnlyKeys("B-no-policy", "B-too-long", "B-unknown-kind");
        assertThat(reasons.get("B-unknown-kind")).isEqualTo("value mapping 'endorsement-kind' has no legacy code for the value of field 'kind'");
        assertThat(reasons.get("B-no-policy")).isEqualTo("legacy.policy_version: key column policy_no has no value");
        assertThat(reasons.get("B-too-long")).contains("SQLSTATE 22001");
        assertThat(reasons.values()).allSatisfy(reason -> assertThat(reason).doesNotContain("secret-note", "far longer"));
        assertThat(deadLetters).allSatisfy(r -> assertThat(LegacySinkFixture.header(r, "__connect.errors.exception.class.name"))
                .isEqualTo("dev.strangler.connect.legacy.LegacyProjectionRejectedException"));

        assertThat(sink.count("SELECT count(*) FROM legacy.policy_version WHERE policy_no LIKE 'B-%'")).isZero();
        assertThat(sink.count("SELECT count(*) FROM legacy.policy_version")).isEqualTo(2);
        assertThat(sink.taskState()).isEqualTo("RUNNING");
        sink.delete();
    }
}
