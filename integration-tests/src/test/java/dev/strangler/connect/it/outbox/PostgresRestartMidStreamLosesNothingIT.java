package dev.strangler.connect.it.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.strangler.connect.harness.Await;
import dev.strangler.connect.harness.LocalStack;

/**
 * PostgreSQL restarts (maintenance, failover) while events are being published: the task reconnects by itself,
 * transaction ids continue where they were, and a read_committed consumer sees every event exactly once. A
 * transaction open at the restart is rolled back by the server and its event is never published.
 */
class PostgresRestartMidStreamLosesNothingIT {

    private static final String DATABASE = "outbox_pg_restart";
    private static final String PREFIX = "outbox-pg-restart";
    private static final String TOPIC = PREFIX + ".Payment";
    private static final String CONNECTOR = "outbox-pg-restart";

    private static LocalStack stack;

    @BeforeAll
    static void createOutbox() {
        stack = LocalStack.shared();
        OutboxFixture.createOutbox(stack, DATABASE, "jsonb");
    }

    @AfterAll
    static void removeConnector() {
        stack.connect().deleteConnector(CONNECTOR);
    }

    @Test
    void everyCommittedEventOnceAcrossADatabaseRestart() throws Exception {
        Map<String, String> config = OutboxFixture.connectorConfig(stack, DATABASE, PREFIX);
        config.put("exactly.once.support", "required");
        config.put("poll.interval.ms", "500");
        stack.connect().putConnector(CONNECTOR, config);
        stack.connect().awaitConnectorRunning(CONNECTOR, Duration.ofMinutes(2));

        write(0, 200);
        stack.kafka().consumeReadCommitted(TOPIC, 200, Duration.ofMinutes(2));

        // A transaction still open when the server goes down: recovery aborts it.
        Connection interrupted = stack.postgres().connect(DATABASE);
        interrupted.setAutoCommit(false);
        try (PreparedStatement insert = interrupted.prepareStatement(
                "INSERT INTO outbox (aggregatetype, aggregateid, type, payload) VALUES ('Payment', 'p-x', 'Captured', '{\"n\":-1}')")) {
            insert.executeUpdate();
        }
        stack.postgres().restart();
        try {
            interrupted.close();
        } catch (SQLException expected) {
            // the server closed it
        }

        write(200, 400);
        List<ConsumerRecord<byte[], byte[]>> records = stack.kafka().consumeReadCommitted(TOPIC, 400, Duration.ofMinutes(3));
        records = stack.kafka().consumeAll(TOPIC, Duration.ofMinutes(1), true);
        List<Integer> numbers = records.stream().map(r -> OutboxFixture.value(r).path("n").asInt()).toList();
        Set<Integer> expected = new HashSet<>();
        for (int n = 0; n < 400; n++) {
            expected.add(n);
        }
        assertThat(numbers).doesNotHaveDuplicates().doesNotContain(-1);
        assertThat(new HashSet<>(numbers)).isEqualTo(expected);
        Await.until("the task to be RUNNING after the restart", Duration.ofSeconds(30), () ->
                "RUNNING".equals(stack.connect().status(CONNECTOR).path("tasks").get(0).path("state").asText()));
    }

    /** Events {@code from} (inclusive) to {@code to} (exclusive), five per transaction. */
    private static void write(int from, int to) throws SQLException {
        try (Connection connection = stack.postgres().connect(DATABASE);
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO outbox (aggregatetype, aggregateid, type, payload) VALUES ('Payment', ?, 'Captured', ?::jsonb)")) {
            connection.setAutoCommit(false);
            for (int n = from; n < to; n++) {
                insert.setString(1, "p-" + (n % 17));
                insert.setString(2, "{\"n\":" + n + "}");
                insert.addBatch();
                if ((n + 1) % 5 == 0 || n + 1 == to) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
        }
    }
}
