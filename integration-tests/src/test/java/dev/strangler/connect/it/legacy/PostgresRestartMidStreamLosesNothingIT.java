package dev.strangler.connect.it.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.strangler.connect.harness.Await;

/**
 * The legacy database restarts (failover, maintenance) while events stream in: the sink retries the batch it
 * could not write, the consumer offsets do not advance past it, and every event lands exactly as if nothing had
 * happened, with the task still running and nothing sent to the dead-letter queue.
 */
class PostgresRestartMidStreamLosesNothingIT {

    private static final int EVENTS = 400;
    private static LegacySinkFixture sink;

    @BeforeAll
    static void createSchemaAndTopic() {
        sink = LegacySinkFixture.withEndorsementSchema("legacy-restart");
    }

    @Test
    void everyEventLandsAcrossARestart() {
        sink.start();

        try (KafkaProducer<String, String> producer = sink.producer()) {
            for (int i = 0; i < EVENTS; i++) {
                String policy = "R-" + i;
                sink.send(producer, policy, "EndorsementApproved",
                        LegacySinkFixture.approved(policy, 1, 1, "ADDRESS_CHANGE", "n" + i, i, 1));
                if (i == EVENTS / 4) {
                    Await.until("some events written before the restart", Duration.ofMinutes(1),
                            () -> sink.count("SELECT count(*) FROM legacy.policy_version") > 0);
                    sink.stack().postgres().restart();
                }
            }
        }

        Await.until("all " + EVENTS + " events with their lines in the legacy tables", Duration.ofMinutes(3), () ->
                sink.count("SELECT count(*) FROM legacy.policy_version_line") == 2L * EVENTS);
        assertThat(sink.count("SELECT count(*) FROM legacy.policy_version")).isEqualTo(EVENTS);
        assertThat(sink.count("SELECT count(*) FROM legacy.policy_version WHERE note <> 'n' || substring(policy_no from 3)")).isZero();
        assertThat(sink.deadLetters(Duration.ofSeconds(30))).isEmpty();
        assertThat(sink.taskState()).isEqualTo("RUNNING");
        sink.delete();
    }
}
