package dev.strangler.connect.it.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.strangler.connect.harness.Await;

/**
 * With {@code replaceRows}, an event owns the whole set of detail rows of its parent: when a newer event lists
 * fewer lines, the lines it no longer lists disappear from the legacy table; a replayed older event brings none
 * of them back.
 */
class DetailRowsFollowTheNewestEventIT {

    private static LegacySinkFixture sink;

    @BeforeAll
    static void createSchemaAndTopic() {
        sink = LegacySinkFixture.withEndorsementSchema("legacy-detail-rows");
    }

    @Test
    void linesANewerEventNoLongerListsAreRemoved() {
        sink.start();

        try (KafkaProducer<String, String> producer = sink.producer()) {
            sink.send(producer, "D-1", "EndorsementApproved",
                    LegacySinkFixture.approved("D-1", 1, 1, "ADDRESS_CHANGE", "three lines", 1, 2, 3));
            Await.until("three lines of D-1", Duration.ofMinutes(2), () -> lines("D-1").size() == 3);

            sink.send(producer, "D-1", "EndorsementApproved",
                    LegacySinkFixture.approved("D-1", 1, 2, "ADDRESS_CHANGE", "one line", 9));
            // The replay of version 1, then a sentinel on the same partition.
            sink.send(producer, "D-1", "EndorsementApproved",
                    LegacySinkFixture.approved("D-1", 1, 1, "ADDRESS_CHANGE", "three lines", 1, 2, 3));
            sink.send(producer, "D-2", "EndorsementApproved",
                    LegacySinkFixture.approved("D-2", 1, 1, "ADDRESS_CHANGE", "sentinel", 1));
        }
        Await.until("the sentinel D-2", Duration.ofMinutes(2), () -> lines("D-2").size() == 1);

        assertThat(lines("D-1")).containsExactly(Map.of("line_no", 1, "amount", "9.00", "event_version", 2L));
        assertThat(sink.query("SELECT note, event_version FROM legacy.policy_version WHERE policy_no = 'D-1'"))
                .containsExactly(Map.of("note", "one line", "event_version", 2L));
        assertThat(sink.deadLetters(Duration.ofSeconds(30))).isEmpty();
        sink.delete();
    }

    private static List<Map<String, Object>> lines(String policy) {
        List<Map<String, Object>> rows = sink.query(
                "SELECT line_no, amount::text AS amount, event_version FROM legacy.policy_version_line WHERE policy_no = '"
                        + policy + "' ORDER BY line_no");
        return rows == null ? List.of() : rows;
    }
}
