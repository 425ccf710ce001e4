package dev.strangler.connect.journey;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one phase of the journey produced, as a migration lead would read it: events on each side, legacy writes
 * the guard reported as authority violations (expected by the simulators' actions vs observed), confirmed
 * record-level reconciliation findings (expected = the deliberately injected faults), the legacy versions the
 * state-level check found different between legacy and the service's shadow store (expected = the rows legacy changed
 * without write authority plus the hand-corrupted shadow rows), loops, and the service-to-legacy lag.
 */
public record PhaseFigures(
        String phase,
        long legacyDomainEvents,
        long serviceEvents,
        long projectedIntoLegacy,
        long expectedViolations,
        long observedViolations,
        Map<String, Long> confirmedFindings,
        long expectedFindings,
        Set<Long> expectedStateDifferences,
        Set<Long> stateDifferences,
        long loopedEvents,
        long leakedViolations,
        Duration maxProjectionLag,
        Duration averageProjectionLag) {

    public long totalFindings() {
        return confirmedFindings.values().stream().mapToLong(Long::longValue).sum();
    }

    public PhaseFigures {
        confirmedFindings = Map.copyOf(confirmedFindings);
        // sorted, so the report lists the keys in order
        expectedStateDifferences = Collections.unmodifiableSortedSet(new TreeSet<>(expectedStateDifferences));
        stateDifferences = Collections.unmodifiableSortedSet(new TreeSet<>(stateDifferences));
    }

    /**
     * The phase kept its promises: every violation and every injected fault found, nothing more, the state check
     * found legacy and its mirror different exactly where expected, nothing looped, no violating write reached the
     * service.
     */
    public boolean asExpected() {
        return observedViolations == expectedViolations && totalFindings() == expectedFindings
                && stateDifferences.equals(expectedStateDifferences) && loopedEvents == 0 && leakedViolations == 0;
    }
}
