package dev.strangler.connect.it.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.strangler.connect.harness.Await;
import dev.strangler.connect.harness.LocalStack;

/**
 * Rows a service wrote wrongly (a payload that is not JSON, a NULL aggregate id) meet the policy the user chose:
 * published to the error topic with the reason in headers, skipped, or the task stops naming the row, while good
 * events around them are published. Also checks that a wrong configuration is refused through REST naming the key.
 */
class BadOutboxRowsFollowTheConfiguredPolicyIT {

    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = LocalStack.shared();
    }

    /** Good, invalid JSON, NULL aggregate id, good; a text payload column lets the service store invalid JSON. */
    private static void writeRows(String database) {
        OutboxFixture.createOutbox(stack, database, "text");
        stack.postgres().execute(database,
                "INSERT INTO outbox (aggregatetype, aggregateid, type, payload) VALUES ('Order', 'o-1', 'Placed', '{\"n\":1}')",
                "INSERT INTO outbox (aggregatetype, aggregateid, type, payload) VALUES ('Order', 'o-2', 'Placed', '{\"n\":2,')",
                "INSERT INTO outbox (aggregatetype, aggregateid, type, payload) VALUES ('Order', NULL, 'Placed', '{\"n\":3}')",
                "INSERT INTO outbox (aggregatetype, aggregateid, type, payload) VALUES ('Order', 'o-4', 'Placed', '{\"n\":4}')");
    }

    @Test
    void errorTopicPolicyPublishesBadRowsWithTheReason() {
        writeRows("outbox_bad_error_topic");
        Map<String, String> config = OutboxFixture.connectorConfig(stack, "outbox_bad_error_topic", "outbox-bad-et");
        config.put("bad.row.policy", "error-topic");
        config.put("bad.row.topic", "outbox-bad-et.errors");
        stack.connect().putConnector("outbox-bad-error-topic", config);
        stack.connect().awaitConnectorRunning("outbox-bad-error-topic", Duration.ofMinutes(2));

        List<ConsumerRecord<byte[], byte[]>> events = stack.kafka().consume("outbox-bad-et.Order", 2, Duration.ofMinutes(2));
        List<ConsumerRecord<byte[], byte[]>> errors = stack.kafka().consume("outbox-bad-et.errors", 2, Duration.ofMinutes(2));

        assertThat(events).extracting(r -> OutboxFixture.value(r).path("n").asInt()).containsExactly(1, 4);
        assertThat(errors).extracting(r -> OutboxFixture.header(r, "outbox.error.reason")).containsExactly("invalid-json", "missing-column");
        assertThat(errors).extracting(r -> OutboxFixture.header(r, "outbox.error.message"))
                .satisfiesExactly(
                        message -> assertThat(message).startsWith("payload is not valid JSON (line 1, column"),
                        message -> assertThat(message).isEqualTo("the aggregate id column is NULL"));
        assertThat(errors).extracting(r -> OutboxFixture.header(r, "outbox.error.table")).containsOnly("public.outbox");
        JsonNode rawPayload = OutboxFixture.value(errors.get(0));
        assertThat(rawPayload.asText()).isEqualTo("{\"n\":2,");
        assertThat(stack.connect().status("outbox-bad-error-topic").path("tasks").get(0).path("state").asText()).isEqualTo("RUNNING");
        stack.connect().deleteConnector("outbox-bad-error-topic");
    }

    @Test
    void skipPolicyPublishesOnlyTheGoodEventsAndKeepsRunning() {
        writeRows("outbox_bad_skip");
        Map<String, String> config = OutboxFixture.connectorConfig(stack, "outbox_bad_skip", "outbox-bad-skip");
        config.put("bad.row.policy", "skip");
        stack.connect().putConnector("outbox-bad-skip", config);
        stack.connect().awaitConnectorRunning("outbox-bad-skip", Duration.ofMinutes(2));

        stack.kafka().consume("outbox-bad-skip.Order", 2, Duration.ofMinutes(2));
        stack.postgres().execute("outbox_bad_skip",
                "INSERT INTO outbox (aggregatetype, aggregateid, type, payload) VALUES ('Order', 'o-5', 'Placed', '{\"n\":5}')");
        List<ConsumerRecord<byte[], byte[]>> events = stack.kafka().consume("outbox-bad-skip.Order", 3, Duration.ofMinutes(2));

        assertThat(events).extracting(r -> OutboxFixture.value(r).path("n").asInt()).containsExactly(1, 4, 5);
        assertThat(stack.connect().status("outbox-bad-skip").path("tasks").get(0).path("state").asText()).isEqualTo("RUNNING");
        stack.connect().deleteConnector("outbox-bad-skip");
    }

    @Test
    void failPolicyPublishesUpToTheBadRowThenStopsTheTaskNamingIt() {
        writeRows("outbox_bad_fail");
        Map<String, String> config = OutboxFixture.connectorConfig(stack, "outbox_bad_fail", "outbox-bad-fail");
        stack.connect().putConnector("outbox-bad-fail", config);

        JsonNode task = Await.value("the task to fail on the bad row", Duration.ofMinutes(2), () -> {
            JsonNode tasks = stack.connect().get("/connectors/outbox-bad-fail/status").path("tasks");
            return tasks.size() > 0 && "FAILED".equals(tasks.get(0).path("state").asText())
                    ? java.util.Optional.of(tasks.get(0)) : java.util.Optional.empty();
        });

        assertThat(task.path("trace").asText()).contains("Outbox row 2 of public.outbox", "(invalid-json)")
                .doesNotContain("{\"n\":2,");
        List<ConsumerRecord<byte[], byte[]>> events = stack.kafka().consume("outbox-bad-fail.Order", 1, Duration.ofMinutes(1));
        assertThat(events).extracting(r -> OutboxFixture.value(r).path("n").asInt()).containsExactly(1);
        stack.connect().deleteConnector("outbox-bad-fail");
    }

    @Test
    void invalidConfigurationIsRefusedNamingEveryKey() {
        Map<String, String> config = OutboxFixture.connectorConfig(stack, "postgres", "outbox-bad-config");
        config.put("name", "outbox-bad-config");
        config.put("bad.row.policy", "error-topic");
        config.put("topic.pattern", "outbox/${aggregatetype}");
        config.put("column.payload", "payload; drop table outbox");

        JsonNode result = stack.connect().validate(OutboxFixture.CONNECTOR_CLASS, config);

        Map<String, String> errors = new java.util.TreeMap<>();
        for (JsonNode value : result.path("configs")) {
            if (value.path("value").path("errors").size() > 0) {
                errors.put(value.path("value").path("name").asText(), value.path("value").path("errors").get(0).asText());
            }
        }
        assertThat(errors).containsOnlyKeys("bad.row.topic", "topic.pattern", "column.payload");
        assertThat(errors.get("bad.row.topic")).isEqualTo("is required when bad.row.policy=error-topic");
        assertThat(result.path("error_count").asInt()).isEqualTo(3);
    }

    @Test
    void aDebeziumOutboxTableWithoutTheXidColumnIsRefusedByValidation() {
        stack.postgres().createDatabase("outbox_no_xid");
        stack.postgres().execute("outbox_no_xid",
                "CREATE TABLE IF NOT EXISTS outbox (id uuid PRIMARY KEY, aggregatetype varchar(255) NOT NULL,"
                        + " aggregateid varchar(255) NOT NULL, type varchar(255) NOT NULL, payload jsonb)");
        Map<String, String> config = OutboxFixture.connectorConfig(stack, "outbox_no_xid", "outbox-no-xid");
        config.put("name", "outbox-no-xid");
        config.remove("column.timestamp");

        JsonNode result = stack.connect().validate(OutboxFixture.CONNECTOR_CLASS, config);

        Map<String, String> errors = new java.util.TreeMap<>();
        for (JsonNode value : result.path("configs")) {
            if (value.path("value").path("errors").size() > 0) {
                errors.put(value.path("value").path("name").asText(), value.path("value").path("errors").get(0).asText());
            }
        }
        assertThat(errors).containsExactly(Map.entry("outbox.tables", "table public.outbox has no column \"xid\""));
    }
}
