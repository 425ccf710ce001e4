package dev.strangler.connect.reconcile.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.strangler.connect.core.plan.AuthorityDecision;
import dev.strangler.connect.core.plan.ConflictRule;
import dev.strangler.connect.core.plan.MigrationPlan;
import dev.strangler.connect.core.plan.PlanFieldBinding;
import dev.strangler.connect.core.plan.Side;

class ScopeAuthorityTest {

    /** Address changes move to the service in February (manual review) and are service-owned from March. */
    private static final MigrationPlan PLAN = MigrationPlan.parse("""
            version: 1
            entities:
              endorsement:
                fields: [country, endorsement_type]
            scopes:
              - name: endorsements
                entity: endorsement
                effective:
                  - from: 2027-01-04T00:00:00Z
                    phase: mirror
                    system-of-record: legacy
                    write-authority: legacy
                    publisher: legacy
                    conflict: legacy-wins
              - name: de-address-changes
                entity: endorsement
                where:
                  country: DE
                  endorsement_type: {prefix: ADDR}
                effective:
                  - from: 2027-01-04T00:00:00Z
                    phase: mirror
                    system-of-record: legacy
                    write-authority: legacy
                    publisher: legacy
                    conflict: legacy-wins
                  - from: 2027-02-01T00:00:00Z
                    phase: partial-extraction
                    write-authority: service
                    publisher: service
                    conflict: manual-review
                  - from: 2027-03-01T00:00:00Z
                    phase: write-ownership-shifted
                    conflict: service-wins
            """);

    private static SourceRow row(String country, String type, String eventTime) {
        return SourceRow.of(List.of(1L), Map.of("country", country, "endorsement_type", type), null,
                eventTime == null ? null : Instant.parse(eventTime));
    }

    static Stream<Arguments> decisions() {
        return Stream.of(
                // record, record side, expected scope, may repair by re-emitting the record side
                Arguments.of(row("DE", "ADDR_CHG", "2027-01-10T00:00:00Z"), Side.LEGACY, "de-address-changes", true),
                Arguments.of(row("DE", "ADDR_CHG", "2027-02-10T00:00:00Z"), Side.LEGACY, "de-address-changes", false),
                Arguments.of(row("DE", "ADDR_CHG", "2027-03-10T00:00:00Z"), Side.LEGACY, "de-address-changes", false),
                Arguments.of(row("DE", "ADDR_CHG", "2027-03-10T00:00:00Z"), Side.SERVICE, "de-address-changes", true),
                Arguments.of(row("AT", "ADDR_CHG", "2027-03-10T00:00:00Z"), Side.LEGACY, "endorsements", true),
                Arguments.of(row("DE", "VEH_ADD", "2027-03-10T00:00:00Z"), Side.SERVICE, "endorsements", false));
    }

    @ParameterizedTest(name = "[{index}] {1} record -> {2}, repair={3}")
    @MethodSource("decisions")
    void theScopeAtEventTimeDecidesScopeAndRepair(SourceRow row, Side recordSide, String scope, boolean repair) {
        ScopeAuthority authority = new ScopeAuthority(Optional.of(PLAN), "endorsement", recordSide);

        Optional<AuthorityDecision> decision = authority.decide(row, Instant.parse("2030-01-01T00:00:00Z"));

        assertThat(decision).map(AuthorityDecision::scope).contains(scope);
        assertThat(authority.repairAllowed(decision)).isEqualTo(repair);
    }

    @Test
    void withoutAnEventTimeTheTimeOfTheCheckDecides() {
        ScopeAuthority authority = new ScopeAuthority(Optional.of(PLAN), "endorsement", Side.LEGACY);

        assertThat(authority.decide(row("DE", "ADDR_X", null), Instant.parse("2027-02-10T00:00:00Z")))
                .map(AuthorityDecision::conflictRule).contains(ConflictRule.MANUAL_REVIEW);
    }

    @Test
    void beforeThePlanGovernsNothingIsRepairedAndWithoutAPlanTheOperatorDecides() {
        ScopeAuthority authority = new ScopeAuthority(Optional.of(PLAN), "endorsement", Side.LEGACY);
        Optional<AuthorityDecision> before = authority.decide(row("DE", "ADDR_CHG", "2026-12-01T00:00:00Z"), Instant.now());

        assertThat(before).isEmpty();
        assertThat(authority.repairAllowed(before)).isFalse();
        assertThat(ScopeAuthority.withoutPlan().decide(row("DE", "ADDR", null), Instant.now())).isEmpty();
        assertThat(ScopeAuthority.withoutPlan().repairAllowed(Optional.empty())).isTrue();
    }

    @Test
    void recordsWithDomainFieldNamesFindTheirScopeThroughPlanFields() {
        SourceRow domainRow = SourceRow.of(List.of(1L), Map.of("country", "DE", "endorsementType", "ADDR_CHG"), null,
                Instant.parse("2027-03-10T00:00:00Z"));
        PlanFieldBinding binding = PlanFieldBinding.parse(List.of("endorsement.endorsement_type=endorsementType"), PLAN,
                Set.of("endorsement"));

        assertThat(new ScopeAuthority(Optional.of(PLAN), "endorsement", Side.SERVICE, binding).decide(domainRow, Instant.now()))
                .map(AuthorityDecision::scope).contains("de-address-changes");
        // Unbound, the plan cannot see the type and files the record under the catch-all.
        assertThat(new ScopeAuthority(Optional.of(PLAN), "endorsement", Side.SERVICE).decide(domainRow, Instant.now()))
                .map(AuthorityDecision::scope).contains("endorsements");
        // A state check's row (no event time) is decided at the time of the check.
        assertThat(new ScopeAuthority(Optional.of(PLAN), "endorsement", Side.SERVICE, binding)
                .decide(Map.of("country", "DE", "endorsementType", "ADDR_CHG"), Instant.parse("2027-02-10T00:00:00Z")))
                .map(AuthorityDecision::conflictRule).contains(ConflictRule.MANUAL_REVIEW);
    }
}
