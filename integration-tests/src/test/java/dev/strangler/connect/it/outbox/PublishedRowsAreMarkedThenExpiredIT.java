package dev.strangler.connect.it.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.strangler.connect.harness.Await;
import dev.strangler.connect.harness.LocalStack;

/**
 * With {@code housekeeping.mode=mark} published rows get their publication time in the mark column, which the
 * service can see, and with a retention they are deleted once marked longer ago than that.
 */
class PublishedRowsAreMarkedThenExpiredIT {

    private static final String DATABASE = "outbox_mark";
    private static final String CONNECTOR = "outbox-mark";
    private static LocalStack stack;

    @BeforeAll
    static void createOutbox() {
        stack = LocalStack.shared();
        OutboxFixture.createOutbox(stack, DATABASE, "jsonb");
        stack.postgres().execute(DATABASE, "ALTER TABLE outbox ADD COLUMN published_at timestamptz",
                "INSERT INTO outbox (aggregatetype, aggregateid, type, payload) VALUES ('Invoice', 'i-1', 'Issued', '{\"n\":1}'),"
                        + " ('Invoice', 'i-2', 'Issued', '{\"n\":2}'), ('Invoice', 'i-3', 'Issued', '{\"n\":3}')");
    }

    @AfterAll
    static void removeConnector() {
        stack.connect().deleteConnector(CONNECTOR);
    }

    @Test
    void publishedRowsAreMarkedAndLaterDeleted() throws Exception {
        Map<String, String> config = OutboxFixture.connectorConfig(stack, DATABASE, "outbox-mark");
        config.put("housekeeping.mode", "mark");
        config.put("housekeeping.mark.column", "published_at");
        config.put("housekeeping.retention.ms", "20000");
        config.put("housekeeping.interval.ms", "500");
        stack.connect().putConnector(CONNECTOR, config);
        stack.connect().awaitConnectorRunning(CONNECTOR, Duration.ofMinutes(2));
        assertThat(stack.kafka().consumeReadCommitted("outbox-mark.Invoice", 3, Duration.ofMinutes(2))).hasSize(3);

        Await.until("the three published rows to be marked", Duration.ofMinutes(1), () -> count("published_at IS NOT NULL") == 3);

        // Expiry goes on while a writer's transaction is open; its row is published and marked once it commits.
        try (Connection writer = stack.postgres().connect(DATABASE)) {
            writer.setAutoCommit(false);
            try (Statement statement = writer.createStatement()) {
                statement.execute("INSERT INTO outbox (aggregatetype, aggregateid, type, payload) VALUES ('Invoice', 'i-4', 'Issued', '{\"n\":4}')");
            }
            Await.until("the marked rows to expire after the retention", Duration.ofMinutes(1), () -> count("true") == 0);
            writer.commit();
        }
        assertThat(stack.kafka().consumeReadCommitted("outbox-mark.Invoice", 4, Duration.ofMinutes(1))).hasSize(4);
        Await.until("the fourth row to be marked", Duration.ofMinutes(1), () -> count("published_at IS NOT NULL AND aggregateid = 'i-4'") == 1);
    }

    private static long count(String condition) {
        try (Connection connection = stack.postgres().connect(DATABASE); Statement statement = connection.createStatement();
             ResultSet resultSet = statement.executeQuery("SELECT count(*) FROM outbox WHERE " + condition)) {
            resultSet.next();
            return resultSet.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
