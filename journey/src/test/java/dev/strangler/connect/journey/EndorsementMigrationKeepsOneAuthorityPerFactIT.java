package dev.strangler.connect.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.strangler.connect.harness.LocalStack;
import dev.strangler.connect.journey.examples.ConfigExamples;

/**
 * The whole endorsement migration on the real stack, assembled only from config-examples: after every phase the
 * reconciliation shows no confirmed mismatch except the injected one, nothing loops, no violating legacy write
 * reaches the service, and every legacy write to a migrated scope (the nightly batch's included) is reported as an
 * authority violation.
 */
class EndorsementMigrationKeepsOneAuthorityPerFactIT {

    private static MigrationReport report;
    private static Map<String, PhaseFigures> phases;

    @BeforeAll
    static void runTheJourney() {
        report = new Journey(LocalStack.shared(), ConfigExamples.find(Path.of("")), "journey_it", Duration.ofSeconds(45), System.out)
                .run();
        report.print(System.out);
        phases = report.phases().stream().collect(Collectors.toMap(PhaseFigures::phase, Function.identity()));
    }

    @Test
    void everyPhaseRanInOrder() {
        assertThat(report.phases()).extracting(PhaseFigures::phase).containsExactlyElementsOf(ConfigExamples.PHASES);
    }

    @Test
    void everyLegacyWriteToAMigratedScopeIsAViolationAndNothingElseIs() {
        for (PhaseFigures phase : report.phases()) {
            assertThat(phase.observedViolations()).as(phase.phase()).isEqualTo(phase.expectedViolations());
        }
        assertThat(phases.get("phase-1-mirror").expectedViolations()).as("legacy owns everything in phase 1").isZero();
        // phase 2: one write through the old screen and the nightly batch's corrections of AUTO/DE addresses
        assertThat(phases.get("phase-2-partial-extraction").expectedViolations()).isGreaterThan(1);
        assertThat(phases.get("phase-5-decommissioned").expectedViolations()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void reconciliationConfirmsOnlyTheInjectedFault() {
        for (PhaseFigures phase : report.phases()) {
            assertThat(phase.totalFindings()).as(phase.phase() + " findings " + phase.confirmedFindings())
                    .isEqualTo(phase.expectedFindings());
        }
        assertThat(phases.get("phase-4-reads-retired").confirmedFindings())
                .containsOnlyKeys("endorsement.reconcile_projection_finding");
    }

    /**
     * The state-level check compares legacy's table (as the ACL publishes it) with the service's shadow store. It must
     * find the shadow row corrupted by hand in phase 1 (no event tells the stream check) in every phase, and from
     * phase 2 on the legacy rows changed without write authority (the guard kept them out of the mirror): nothing else.
     */
    @Test
    void theStateCheckFindsTheCorruptedMirrorRowAndTheViolatedRowsAndNothingElse() {
        for (PhaseFigures phase : report.phases()) {
            assertThat(phase.stateDifferences()).as(phase.phase() + " state differences")
                    .containsExactlyInAnyOrderElementsOf(phase.expectedStateDifferences());
        }
        assertThat(phases.get("phase-1-mirror").expectedStateDifferences()).as("the corrupted shadow row").hasSize(1);
        assertThat(phases.get("phase-2-partial-extraction").expectedStateDifferences()).as("and the violated rows")
                .containsAll(phases.get("phase-1-mirror").expectedStateDifferences()).hasSizeGreaterThan(2);
    }

    @Test
    void noEventLoopsAndNoViolationLeaksIntoTheService() {
        for (PhaseFigures phase : report.phases()) {
            assertThat(phase.loopedEvents()).as(phase.phase() + " looped").isZero();
            assertThat(phase.leakedViolations()).as(phase.phase() + " leaked").isZero();
        }
    }

    @Test
    void theServiceSlicesReachLegacyOnlyWhileThePlanLetsTheSinkProjectThem() {
        List<Long> projected = report.phases().stream().map(PhaseFigures::projectedIntoLegacy).toList();
        // phase 1 none; 2: three address changes; 3: an address and a vehicle change (after the vehicle cutover);
        // 4: one address change (the endorsement of an unknown policy cannot be projected); 5: the vehicle change only
        assertThat(projected).containsExactly(0L, 3L, 2L, 1L, 1L);
        assertThat(phases.get("phase-5-decommissioned").serviceEvents()).isEqualTo(2);
        assertThat(phases.get("phase-1-mirror").legacyDomainEvents()).as("the seed book and phase 1's legacy writes")
                .isGreaterThanOrEqualTo(16 + 6);
    }

    @Test
    void theMirrorKeepsRunningForTheSlicesLegacyStillOwns() {
        for (PhaseFigures phase : report.phases()) {
            assertThat(phase.legacyDomainEvents()).as(phase.phase() + " legacy domain events").isPositive();
        }
    }

    @Test
    void theReportSaysEveryPhaseWentAsExpected() {
        assertThat(report.asExpected()).isTrue();
    }
}
