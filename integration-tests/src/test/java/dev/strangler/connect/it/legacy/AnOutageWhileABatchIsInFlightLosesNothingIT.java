package dev.strangler.connect.it.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.strangler.connect.harness.Await;

/**
 * The sink writes a batch in the background while it converts the next one, so the framework has handed over
 * (and counts as delivered) records whose transaction has not committed yet. This test holds such a batch in
 * flight, by locking the legacy table it writes, across several of the worker's offset commits (every second)
 * and failed attempts, then restarts PostgreSQL under it: the consumer group's offsets must not move before the
 * rows are in the database, and afterwards every event lands and the offsets reach the end of the topic.
 */
class AnOutageWhileABatchIsInFlightLosesNothingIT {

    private static final int EVENTS = 300;
    private static final int FAILED_ATTEMPTS = 4;
    private static LegacySinkFixture sink;

    @BeforeAll
    static void createSchemaAndTopic() {
        sink = LegacySinkFixture.withEndorsementSchema("legacy-in-flight");
    }

    /** The sink's sessions, by the default {@code connection.application.name}. */
    private static String sinkSessions() {
        return "FROM pg_stat_activity WHERE datname = '" + sink.database() + "' AND application_name = 'strangler-legacy-sink'";
    }

    @Test
    void offsetsWaitForTheWriteAndNothingIsLost() throws SQLException {
        sink.start();

        try (Connection blocker = sink.stack().postgres().connect(sink.database()); Statement lock = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            lock.execute("LOCK TABLE legacy.policy_version IN ACCESS EXCLUSIVE MODE");
            try (KafkaProducer<String, String> producer = sink.producer()) {
                for (int i = 0; i < EVENTS; i++) {
                    String policy = "F-" + i;
                    sink.send(producer, policy, "EndorsementApproved",
                            LegacySinkFixture.approved(policy, 1, 1, "ADDRESS_CHANGE", "n" + i, i, 1));
                }
            }
            awaitSinkBlockedOnTheLock();
            // Each round fails the blocked transaction (a transient error: the task keeps the batch, pauses and
            // writes it again, which blocks again); together they span several offset commit intervals.
            for (int attempt = 1; attempt <= FAILED_ATTEMPTS; attempt++) {
                assertThat(committedOffset()).as("offsets committed while no row is written (attempt %d)", attempt).isZero();
                sink.execute("SELECT pg_terminate_backend(pid) " + sinkSessions() + " AND wait_event_type = 'Lock'");
                awaitSinkBlockedOnTheLock();
            }
            assertThat(committedOffset()).as("offsets committed while no row is written").isZero();
            // The outage: the lock holder and the sink's transaction in flight both end with the server.
            sink.stack().postgres().restart();
        }

        Await.until("all " + EVENTS + " events with their lines in the legacy tables", Duration.ofMinutes(3), () ->
                sink.count("SELECT count(*) FROM legacy.policy_version_line") == 2L * EVENTS);
        assertThat(sink.count("SELECT count(*) FROM legacy.policy_version")).isEqualTo(EVENTS);
        assertThat(sink.count("SELECT count(*) FROM legacy.policy_version WHERE note <> 'n' || substring(policy_no from 3)")).isZero();
        Await.until("the consumer group's offsets at the end of the topic", Duration.ofMinutes(1), () -> committedOffset() == EVENTS);
        assertThat(sink.deadLetters(Duration.ofSeconds(20))).isEmpty();
        assertThat(sink.taskState()).isEqualTo("RUNNING");
        sink.delete();
    }

    private static void awaitSinkBlockedOnTheLock() {
        Await.until("the sink's transaction waiting for the locked table", Duration.ofMinutes(1), () ->
                sink.count("SELECT count(*) " + sinkSessions() + " AND wait_event_type = 'Lock'") > 0);
    }

    private static long committedOffset() {
        try {
            OffsetAndMetadata committed = sink.stack().kafka().admin().listConsumerGroupOffsets("connect-" + sink.connector())
                    .partitionsToOffsetAndMetadata().get().get(new TopicPartition(sink.topic(), 0));
            return committed == null ? 0 : committed.offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Reading the sink's committed offsets failed", e.getCause());
        }
    }
}
