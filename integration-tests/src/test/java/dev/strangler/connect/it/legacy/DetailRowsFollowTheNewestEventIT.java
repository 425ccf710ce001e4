package dev.strangler.connect.it.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.strangler.connect.harness.Await;
import dev.strangler.connect.harness.LocalStack;

/**
 * With {@code replaceRows}, an event owns the whole set of detail rows of its parent: when a newer event lists
 * fewer lines, the lines it no longer lists disappear from the legacy table; a replayed older event brings none
 * of them back.
 */
class DetailRowsFollowTheNewestEventIT {

    private static final String DATABASE = "legacy_detail_rows";
    private static final String TOPIC = "legacy-detail-rows.endorsements";
    private static final String DLQ = "legacy-detail-rows.dlq";
    private static final String CONNECTOR = "legacy-detail-rows";
    private static LocalStack stack;

    @BeforeAll
    static void createSchema() {
        stack = LocalStack.shared();
        LegacySinkFixture.createLegacySchema(stack, DATABASE);
        stack.kafka().createTopic(TOPIC, 1);
    }

    @Test
    void linesANewerEventNoLongerListsAreRemoved() {
        stack.connect().putConnector(CONNECTOR, LegacySinkFixture.connectorConfig(stack, DATABASE, TOPIC, DLQ));
        stack.connect().awaitConnectorRunning(CONNECTOR, Duration.ofMinutes(2));

        try (KafkaProducer<String, String> producer = LegacySinkFixture.producer(stack)) {
            LegacySinkFixture.send(producer, TOPIC, "D-1", "EndorsementApproved",
                    LegacySinkFixture.approved("D-1", 1, 1, "ADDRESS_CHANGE", "three lines", 1, 2, 3));
            Await.until("three lines of D-1", Duration.ofMinutes(2), () -> lines("D-1").size() == 3);

            LegacySinkFixture.send(producer, TOPIC, "D-1", "EndorsementApproved",
                    LegacySinkFixture.approved("D-1", 1, 2, "ADDRESS_CHANGE", "one line", 9));
            // The replay of version 1, then a sentinel on the same partition.
            LegacySinkFixture.send(producer, TOPIC, "D-1", "EndorsementApproved",
                    LegacySinkFixture.approved("D-1", 1, 1, "ADDRESS_CHANGE", "three lines", 1, 2, 3));
            LegacySinkFixture.send(producer, TOPIC, "D-2", "EndorsementApproved",
                    LegacySinkFixture.approved("D-2", 1, 1, "ADDRESS_CHANGE", "sentinel", 1));
        }
        Await.until("the sentinel D-2", Duration.ofMinutes(2), () -> lines("D-2").size() == 1);

        assertThat(lines("D-1")).containsExactly(Map.of("line_no", 1, "amount", "9.00", "event_version", 2L));
        assertThat(LegacySinkFixture.query(stack, DATABASE, "SELECT note, event_version FROM legacy.policy_version WHERE policy_no = 'D-1'"))
                .containsExactly(Map.of("note", "one line", "event_version", 2L));
        assertThat(stack.kafka().consumeAll(DLQ, Duration.ofSeconds(30), false)).isEmpty();
        stack.connect().deleteConnector(CONNECTOR);
    }

    private static List<Map<String, Object>> lines(String policy) {
        List<Map<String, Object>> rows = LegacySinkFixture.query(stack, DATABASE,
                "SELECT line_no, amount::text AS amount, event_version FROM legacy.policy_version_line WHERE policy_no = '"
                        + policy + "' ORDER BY line_no");
        return rows == null ? List.of() : rows;
    }
}
