package dev.strangler.connect.it.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.strangler.connect.harness.Await;
import dev.strangler.connect.harness.LocalStack;

/**
 * The legacy database restarts (failover, maintenance) while events stream in: the sink retries the batch it
 * could not write, the consumer offsets do not advance past it, and every event lands exactly as if nothing had
 * happened, with the task still running and nothing sent to the dead-letter queue.
 */
class PostgresRestartMidStreamLosesNothingIT {

    private static final String DATABASE = "legacy_restart";
    private static final String TOPIC = "legacy-restart.endorsements";
    private static final String DLQ = "legacy-restart.dlq";
    private static final String CONNECTOR = "legacy-restart";
    private static final int EVENTS = 400;
    private static LocalStack stack;

    @BeforeAll
    static void createSchema() {
        stack = LocalStack.shared();
        LegacySinkFixture.createLegacySchema(stack, DATABASE);
        stack.kafka().createTopic(TOPIC, 1);
    }

    @Test
    void everyEventLandsAcrossARestart() {
        stack.connect().putConnector(CONNECTOR, LegacySinkFixture.connectorConfig(stack, DATABASE, TOPIC, DLQ));
        stack.connect().awaitConnectorRunning(CONNECTOR, Duration.ofMinutes(2));

        try (KafkaProducer<String, String> producer = LegacySinkFixture.producer(stack)) {
            for (int i = 0; i < EVENTS; i++) {
                String policy = "R-" + i;
                LegacySinkFixture.send(producer, TOPIC, policy, "EndorsementApproved",
                        LegacySinkFixture.approved(policy, 1, 1, "ADDRESS_CHANGE", "n" + i, i, 1));
                if (i == EVENTS / 4) {
                    Await.until("some events written before the restart", Duration.ofMinutes(1),
                            () -> LegacySinkFixture.count(stack, DATABASE, "SELECT count(*) FROM legacy.policy_version") > 0);
                    stack.postgres().restart();
                }
            }
        }

        Await.until("all " + EVENTS + " events with their lines in the legacy tables", Duration.ofMinutes(3), () ->
                LegacySinkFixture.count(stack, DATABASE, "SELECT count(*) FROM legacy.policy_version_line") == 2L * EVENTS);
        assertThat(LegacySinkFixture.count(stack, DATABASE, "SELECT count(*) FROM legacy.policy_version")).isEqualTo(EVENTS);
        assertThat(LegacySinkFixture.count(stack, DATABASE,
                "SELECT count(*) FROM legacy.policy_version WHERE note <> 'n' || substring(policy_no from 3)")).isZero();
        assertThat(stack.kafka().consumeAll(DLQ, Duration.ofSeconds(30), false)).isEmpty();
        assertThat(LegacySinkFixture.taskState(stack, CONNECTOR)).isEqualTo("RUNNING");
        stack.connect().deleteConnector(CONNECTOR);
    }
}
