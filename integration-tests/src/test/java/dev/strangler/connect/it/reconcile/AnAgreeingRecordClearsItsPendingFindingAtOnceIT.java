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
 * A newer record that agrees with the target clears its key's pending finding in the same batch, long before the
 * grace period, also for a finding a previous task instance left pending: the task reads the pending keys when it
 * starts and whenever its partitions are assigned, and otherwise skips the pending {@code DELETE} for keys it knows
 * are not pending, so a pending row it did not know about would survive here until its grace period ended.
 */
class AnAgreeingRecordClearsItsPendingFindingAtOnceIT {

    private static final LocalStack STACK = LocalStack.shared();
    private static final Duration GRACE = Duration.ofMinutes(10); // far beyond the test's deadlines
    private static ReconcileFixture fixture;

    @BeforeAll
    static void setUp() {
        fixture = new ReconcileFixture(STACK, "rec_clear");
        fixture.createTargetStore();
    }

    @AfterAll
    static void tearDown() {
        fixture.stop();
    }

    @Test
    void anAgreeingRecordClearsPendingFindingsOfThisAndOfAPreviousTaskInstance() {
        for (long id = 1; id <= 3; id++) {
            fixture.insertTarget(id, "Old " + id, "10.00", 0.25, "ACTIVE", "2026-03-01 10:15:30");
        }
        fixture.start(fixture.connectorConfig(GRACE));
        fixture.publish(List.of(
                event(1, "New 1", 10, 0.25, "A", "2026-03-01T10:15:30Z"),
                event(2, "New 2", 10, 0.25, "A", "2026-03-01T10:15:30Z")));
        Await.until("keys 1 and 2 pending", Duration.ofMinutes(1), () -> fixture.pending().keySet().equals(java.util.Set.of("1", "2")));

        // This task instance wrote the pending row of key 1: an agreeing record of it clears it at once.
        STACK.postgres().execute(fixture.database, "UPDATE svc.policy SET holder_name = 'New 1' WHERE policy_id = 1");
        fixture.publish(List.of(event(1, "New 1", 10, 0.25, "A", "2026-03-01T10:15:30Z"),
                event(3, "Old 3", 10, 0.25, "A", "2026-03-01T10:15:30Z")));
        Await.until("key 1 cleared", Duration.ofMinutes(1), () -> fixture.pending().keySet().equals(java.util.Set.of("2")));

        // Key 2's pending row was written by the task instance before the restart.
        fixture.restartTasks();
        STACK.connect().awaitConnectorRunning(fixture.connector, Duration.ofMinutes(1));
        STACK.postgres().execute(fixture.database, "UPDATE svc.policy SET holder_name = 'New 2' WHERE policy_id = 2");
        fixture.publish(List.of(event(2, "New 2", 10, 0.25, "A", "2026-03-01T10:15:30Z")));
        Await.until("key 2 cleared after the restart", Duration.ofMinutes(1), () -> fixture.pending().isEmpty());

        assertThat(fixture.findings()).isEmpty();
    }
}
