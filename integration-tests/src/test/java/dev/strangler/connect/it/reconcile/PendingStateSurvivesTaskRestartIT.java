package dev.strangler.connect.it.reconcile;

import static dev.strangler.connect.it.reconcile.ReconcileFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.strangler.connect.harness.Await;
import dev.strangler.connect.harness.LocalStack;

/**
 * Pending findings outlive the task that recorded them: after a restart of the connector's tasks, a difference that
 * clears is not reported, and one that persists is confirmed with the time it was first seen before the restart.
 */
class PendingStateSurvivesTaskRestartIT {

    private static final LocalStack STACK = LocalStack.shared();
    private static ReconcileFixture fixture;

    @BeforeAll
    static void setUp() {
        fixture = new ReconcileFixture(STACK, "rec_restart");
        fixture.createTargetStore();
    }

    @AfterAll
    static void tearDown() {
        fixture.stop();
    }

    @Test
    void aRestartKeepsPendingState() {
        fixture.insertTarget(1, "Stale", "10.00", 0.25, "ACTIVE", "2026-03-01 10:15:30");
        fixture.insertTarget(2, "Wrong", "10.00", 0.25, "ACTIVE", "2026-03-01 10:15:30");
        fixture.start(fixture.connectorConfig(Duration.ofSeconds(25)));
        fixture.publish(List.of(
                event(1, "Fresh", 10, 0.25, "A", "2026-03-01T10:15:30Z"),
                event(2, "Right", 10, 0.25, "A", "2026-03-01T10:15:30Z")));
        Map<String, Instant> pendingBefore = Await.value("both differences pending", Duration.ofMinutes(1), () -> {
            Map<String, Instant> pending = fixture.pending();
            return pending.size() == 2 ? java.util.Optional.of(pending) : java.util.Optional.empty();
        });

        fixture.restartTasks();
        STACK.connect().awaitConnectorRunning(fixture.connector, Duration.ofMinutes(1));
        STACK.postgres().execute(fixture.database, "UPDATE svc.policy SET holder_name = 'Fresh' WHERE policy_id = 1");

        List<ReconcileFixture.FindingRow> findings = fixture.awaitFindingOf("2", Duration.ofMinutes(2));
        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo("mismatch");
            assertThat(finding.firstSeen()).isEqualTo(pendingBefore.get("2"));
        });
        Await.until("key 1 cleared", Duration.ofMinutes(1), () -> fixture.pending().isEmpty());
        assertThat(fixture.findings()).extracting(ReconcileFixture.FindingRow::rowKey).containsExactly("2");
    }
}
