package dev.strangler.connect.it.reconcile;

import static dev.strangler.connect.it.reconcile.ReconcileFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.strangler.connect.harness.Await;
import dev.strangler.connect.harness.LocalStack;

/**
 * Lag is not divergence: events whose target rows are missing or stale when first compared are held as pending;
 * when the target catches up within the grace period, they clear and nothing is reported.
 */
class LaggingTargetClearsWithoutFindingIT {

    private static ReconcileFixture fixture;

    @BeforeAll
    static void setUp() {
        fixture = new ReconcileFixture(LocalStack.shared(), "rec_lag");
        fixture.createTargetStore();
    }

    @AfterAll
    static void tearDown() {
        fixture.stop();
    }

    @Test
    void aLaggingTargetIsPendingThenClearsWithNoFinding() {
        // Key 2 exists but still holds the previous version; key 1 has not arrived at all.
        fixture.insertTarget(2, "Old Holder", "10.00", 0.25, "ACTIVE", "2026-03-01 10:15:30");
        fixture.start(fixture.connectorConfig(Duration.ofSeconds(30)));

        fixture.publish(List.of(
                event(1, "New Holder", 10, 0.25, "A", "2026-03-01T10:15:30Z"),
                event(2, "New Holder", 10, 0.25, "A", "2026-03-01T10:15:30Z")));
        Await.until("both differences pending", Duration.ofMinutes(1), () -> fixture.pending().keySet().containsAll(List.of("1", "2")));
        assertThat(fixture.findings()).isEmpty();

        // The target catches up within the grace period.
        LocalStack.shared().postgres().execute(fixture.database,
                "INSERT INTO svc.policy VALUES (1, 'New Holder', 10.00, 0.25, 'ACTIVE', TIMESTAMP '2026-03-01 10:15:30')",
                "UPDATE svc.policy SET holder_name = 'New Holder' WHERE policy_id = 2");
        fixture.insertTarget(999, "Canary", "1.00", 0.25, "ACTIVE", "2026-03-01 10:15:30");
        fixture.publish(List.of(event(999, "Canary changed", 1, 0.25, "A", "2026-03-01T10:15:30Z")));

        // The canary, due 30 s after the others, is re-checked after them: by then they have been re-checked.
        List<ReconcileFixture.FindingRow> findings = fixture.awaitFindingOf("999", Duration.ofMinutes(2));
        assertThat(findings).extracting(ReconcileFixture.FindingRow::rowKey).containsExactly("999");
        assertThat(fixture.pending()).isEmpty();
    }
}
