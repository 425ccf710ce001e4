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
import dev.strangler.connect.harness.LocalStack;

/**
 * The sink writes a batch in the background while it converts the next one, so the framework has handed over
 * (and counts as delivered) records whose transaction has not committed yet. This test holds such a batch in
 * flight, by locking the legacy table it writes, across several of the worker's offset commits (every second)
 * and failed attempts, then restarts PostgreSQL under it: the consumer group's offsets must not move before the
 * rows are in the database, and afterwards every event lands and the offsets reach the end of the topic.
 */
class AnOutageWhileABatchIsInFlightLosesNothingIT {

    private static final String DATABASE = "legacy_in_flight";
    private static final String TOPIC = "legacy-in-flight.endorsements";
    private static final String DLQ = "legacy-in-flight.dlq";
    private static final String CONNECTOR = "legacy-in-flight";
    /** The sink's sessions, by the default {@code connection.application.name}. */
    private static final String SINK_SESSIONS = "FROM pg_stat_activity WHERE datname = '" + DATABASE
            + "' AND application_name = 'strangler-legacy-sink'";
    private static final int EVENTS = 300;
    private static final int FAILED_ATTEMPTS = 4;
    private static LocalStack stack;

    @BeforeAll
    static void createSchema() {
        stack = LocalStack.shared();
        LegacySinkFixture.createLegacySchema(stack, DATABASE);
        stack.kafka().createTopic(TOPIC, 1);
    }

    @Test
    void offsetsWaitForTheWriteAndNothingIsLost() throws SQLException {
        stack.connect().putConnector(CONNECTOR, LegacySinkFixture.connectorConfig(stack, DATABASE, TOPIC, DLQ));
        stack.connect().awaitConnectorRunning(CONNECTOR, Duration.ofMinutes(2));

        try (Connection blocker = stack.postgres().connect(DATABASE); Statement lock = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            lock.execute("LOCK TABLE legacy.policy_version IN ACCESS EXCLUSIVE MODE");
            try (KafkaProducer<String, String> producer = LegacySinkFixture.producer(stack)) {
                for (int i = 0; i < EVENTS; i++) {
                    String policy = "F-" + i;
                    LegacySinkFixture.send(producer, TOPIC, policy, "EndorsementApproved",
                            LegacySinkFixture.approved(policy, 1, 1, "ADDRESS_CHANGE", "n" + i, i, 1));
                }
            }
            awaitSinkBlockedOnTheLock();
            // Each round fails the blocked transaction (a transient error: the task keeps the batch, pauses and
            // writes it again, which blocks again); together they span several offset commit intervals.
            for (int attempt = 1; attempt <= FAILED_ATTEMPTS; attempt++) {
                assertThat(committedOffset()).as("offsets committed while no row is written (attempt %d)", attempt).isZero();
                stack.postgres().execute(DATABASE, "SELECT pg_terminate_backend(pid) " + SINK_SESSIONS + " AND wait_event_type = 'Lock'");
                awaitSinkBlockedOnTheLock();
            }
            assertThat(committedOffset()).as("offsets committed while no row is written").isZero();
            // The outage: the lock holder and the sink's transaction in flight both end with the server.
            stack.postgres().restart();
        }

        Await.until("all " + EVENTS + " events with their lines in the legacy tables", Duration.ofMinutes(3), () ->
                LegacySinkFixture.count(stack, DATABASE, "SELECT count(*) FROM legacy.policy_version_line") == 2L * EVENTS);
        assertThat(LegacySinkFixture.count(stack, DATABASE, "SELECT count(*) FROM legacy.policy_version")).isEqualTo(EVENTS);
        assertThat(LegacySinkFixture.count(stack, DATABASE,
                "SELECT count(*) FROM legacy.policy_version WHERE note <> 'n' || substring(policy_no from 3)")).isZero();
        Await.until("the consumer group's offsets at the end of the topic", Duration.ofMinutes(1), () -> committedOffset() == EVENTS);
        assertThat(stack.kafka().consumeAll(DLQ, Duration.ofSeconds(20), false)).isEmpty();
        assertThat(LegacySinkFixture.taskState(stack, CONNECTOR)).isEqualTo("RUNNING");
        stack.connect().deleteConnector(CONNECTOR);
    }

    private static void awaitSinkBlockedOnTheLock() {
        Await.until("the sink's transaction waiting for the locked table", Duration.ofMinutes(1), () ->
                LegacySinkFixture.count(stack, DATABASE, "SELECT count(*) " + SINK_SESSIONS + " AND wait_event_type = 'Lock'") > 0);
    }

    private static long committedOffset() {
        try {
            OffsetAndMetadata committed = stack.kafka().admin().listConsumerGroupOffsets("connect-" + CONNECTOR)
                    .partitionsToOffsetAndMetadata().get().get(new TopicPartition(TOPIC, 0));
            return committed == null ? 0 : committed.offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Reading the sink's committed offsets failed", e.getCause());
        }
    }
}
