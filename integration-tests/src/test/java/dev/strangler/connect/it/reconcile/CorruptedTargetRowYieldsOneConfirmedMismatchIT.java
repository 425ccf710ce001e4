package dev.strangler.connect.it.reconcile;

import static dev.strangler.connect.it.reconcile.ReconcileFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.strangler.connect.harness.LocalStack;

/**
 * A target row changed behind the migration's back (a manual correction, a mapping bug) is reported once, after
 * the grace period, with the field that differs, both values, and both versions, in the results table and on the
 * mismatch topic; the rows that agree are not reported.
 */
class CorruptedTargetRowYieldsOneConfirmedMismatchIT {

    private static final LocalStack STACK = LocalStack.shared();
    private static ReconcileFixture fixture;

    @BeforeAll
    static void setUp() {
        fixture = new ReconcileFixture(STACK, "rec_corrupt");
        fixture.createTargetStore();
    }

    @AfterAll
    static void tearDown() {
        fixture.stop();
    }

    @Test
    void oneCorruptedRowYieldsOneMismatchWithTheFieldDiff() {
        List<Map<String, Object>> events = new ArrayList<>();
        for (long id = 1; id <= 50; id++) {
            String holder = id == 17 ? "Corrupted Name" : "Holder " + id;
            fixture.insertTarget(id, holder, "100.00", 0.25, "ACTIVE", "2026-03-01 10:15:30");
            events.add(event(id, "Holder " + id, 100, 0.25, "A", "2026-03-01T10:15:30Z"));
        }
        Map<String, String> config = fixture.connectorConfig(Duration.ofSeconds(3));
        fixture.start(config);

        fixture.publish(events);
        List<ReconcileFixture.FindingRow> findings = fixture.awaitFindingOf("17", Duration.ofMinutes(2));

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo("mismatch");
            assertThat(finding.checkLevel()).isEqualTo("record");
            assertThat(finding.differences()).hasSize(1);
            JsonNode difference = finding.differences().get(0);
            assertThat(difference.get("field").asText()).isEqualTo("holder");
            assertThat(difference.get("column").asText()).isEqualTo("holder_name");
            assertThat(difference.get("source").asText()).isEqualTo("Holder 17");
            assertThat(difference.get("target").asText()).isEqualTo("Corrupted Name");
            assertThat(finding.sourceVersion().get("premium").asText()).isEqualTo("100");
            assertThat(finding.targetVersion().get("holder_name").asText()).isEqualTo("Corrupted Name");
            assertThat(finding.confirmedAt()).isAfterOrEqualTo(finding.firstSeen().plusSeconds(3));
        });
        assertThat(fixture.pending()).isEmpty();

        List<ConsumerRecord<byte[], byte[]>> mismatches = STACK.kafka().consume(config.get("errors.deadletterqueue.topic.name"), 1,
                Duration.ofSeconds(30));
        assertThat(mismatches).singleElement().satisfies(record -> {
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("17");
            assertThat(new String(record.headers().lastHeader("reconcile.kind").value(), StandardCharsets.UTF_8)).isEqualTo("mismatch");
            assertThat(new String(record.headers().lastHeader("__connect.errors.exception.class.name").value(), StandardCharsets.UTF_8))
                    .isEqualTo("dev.strangler.connect.reconcile.ConfirmedFindingException");
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains("\"kind\":\"mismatch\"", "holder_name");
        });
    }
}
