package dev.strangler.connect.it.reconcile;

import static dev.strangler.connect.it.reconcile.ReconcileFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.strangler.connect.harness.LocalStack;

/**
 * When both systems agree, the reconciliation stays silent: 200 events whose target rows agree (through the
 * identity mapping, enum codes and decimal scale) yield no finding. A last, deliberately divergent "canary" event
 * proves the others were compared and their grace periods passed: its finding is the only one.
 */
class AgreeingDataYieldsNoFindingIT {

    private static ReconcileFixture fixture;

    @BeforeAll
    static void setUp() {
        fixture = new ReconcileFixture(LocalStack.shared(), "rec_agree");
        fixture.createTargetStore();
    }

    @AfterAll
    static void tearDown() {
        fixture.stop();
    }

    @Test
    void agreeingRecordsYieldNoFinding() {
        List<Map<String, Object>> events = new ArrayList<>();
        for (long id = 1; id <= 200; id++) {
            fixture.insertTarget(id, "Holder " + id, id + ".50", 0.25, id % 2 == 0 ? "ACTIVE" : "LAPSED", "2026-03-01 10:15:30");
            events.add(event(id, "Holder " + id, id + 0.5, 0.25, id % 2 == 0 ? "A" : "L", "2026-03-01T10:15:30Z"));
        }
        fixture.insertTarget(999, "Canary", "1.00", 0.25, "ACTIVE", "2026-03-01 10:15:30");
        events.add(event(999, "Canary changed", 1, 0.25, "A", "2026-03-01T10:15:30Z"));
        fixture.start(fixture.connectorConfig(Duration.ofSeconds(3)));

        fixture.publish(events);
        List<ReconcileFixture.FindingRow> findings = fixture.awaitFindingOf("999", Duration.ofMinutes(2));

        assertThat(findings).extracting(ReconcileFixture.FindingRow::rowKey).containsExactly("999");
        assertThat(fixture.pending()).isEmpty();
    }
}
