package dev.strangler.connect.journey;

import java.time.Duration;
import java.util.Map;

/**
 * What one phase of the journey produced, as a migration lead would read it: events on each side, legacy writes
 * the guard reported as authority violations (expected by the simulators' actions vs observed), confirmed
 * reconciliation findings (expected = the deliberately injected faults), loops, and the service-to-legacy lag.
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
        long loopedEvents,
        long leakedViolations,
        Duration maxProjectionLag,
        Duration averageProjectionLag) {

    public long totalFindings() {
        return confirmedFindings.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The phase kept its promises: every violation and every injected fault found, nothing more, nothing looped, no violating write reached the service. */
    public boolean asExpected() {
        return observedViolations == expectedViolations && totalFindings() == expectedFindings && loopedEvents == 0
                && leakedViolations == 0;
    }
}
