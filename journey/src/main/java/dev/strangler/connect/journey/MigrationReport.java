package dev.strangler.connect.journey;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The migration report the journey prints: one line per phase, then the verdict. */
public final class MigrationReport {

    private final List<PhaseFigures> phases = new ArrayList<>();

    public void add(PhaseFigures figures) {
        phases.add(figures);
    }

    public List<PhaseFigures> phases() {
        return List.copyOf(phases);
    }

    public boolean asExpected() {
        return !phases.isEmpty() && phases.stream().allMatch(PhaseFigures::asExpected);
    }

    public void print(PrintStream out) {
        out.println();
        out.println("Migration report: Policy Endorsement extraction");
        out.printf("%-28s %8s %8s %9s %12s %10s %11s %8s %14s%n", "phase", "legacy", "service", "projected",
                "violations", "findings", "state diffs", "looped/", "lag max/avg");
        out.printf("%-28s %8s %8s %9s %12s %10s %11s %8s %14s%n", "", "events", "events", "to legacy",
                "seen/expect", "seen/exp.", "seen/exp.", "leaked", "(ms)");
        for (PhaseFigures p : phases) {
            out.printf("%-28s %8d %8d %9d %12s %10s %11s %8s %14s%s%n", p.phase(), p.legacyDomainEvents(), p.serviceEvents(),
                    p.projectedIntoLegacy(), p.observedViolations() + "/" + p.expectedViolations(),
                    p.totalFindings() + "/" + p.expectedFindings(),
                    p.stateDifferences().size() + "/" + p.expectedStateDifferences().size(),
                    p.loopedEvents() + "/" + p.leakedViolations(),
                    millis(p.maxProjectionLag()) + "/" + millis(p.averageProjectionLag()), p.asExpected() ? "" : "   <-- unexpected");
            if (!p.confirmedFindings().isEmpty()) {
                out.println("    confirmed findings by reconcile table: " + p.confirmedFindings());
            }
            if (!p.stateDifferences().equals(p.expectedStateDifferences())) {
                out.println("    state check: legacy versions found different " + p.stateDifferences()
                        + ", expected " + p.expectedStateDifferences());
            }
        }
        out.println();
        out.println(asExpected()
                ? "Every phase as expected: legacy writes to migrated scopes reported as violations, injected faults found, "
                        + "legacy and its mirror differ only where they were made to, nothing looped."
                : "Some phase did not go as expected: see the lines marked above.");
    }

    private static String millis(Duration duration) {
        return duration == null ? "-" : Long.toString(duration.toMillis());
    }
}
