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
import dev.strangler.connect.core.plan.testing.PlanFixtures;

class ScopeAuthorityTest {

    /**
     * AUTO in DE gets its own legacy-owned scope in mid-January 2026; its address changes move to the service in February
     * (manual review) and are service-owned from March.
     */
    private static final MigrationPlan PLAN = MigrationPlan.parse(PlanFixtures.PLAN);

    private static SourceRow row(String country, String type, String eventTime) {
        return SourceRow.of(List.of(1L), Map.of("product_line", "AUTO", "country", country, "endorsement_type", type), null,
                eventTime == null ? null : Instant.parse(eventTime));
    }

    static Stream<Arguments> decisions() {
        return Stream.of(
                // record, record side, expected scope, may repair by re-emitting the record side
                Arguments.of(row("DE", "ADDR_CHG", "2026-01-20T00:00:00Z"), Side.LEGACY, "auto-de", true),
                Arguments.of(row("DE", "ADDR_CHG", "2026-02-10T00:00:00Z"), Side.LEGACY, "auto-de-address", false),
                Arguments.of(row("DE", "ADDR_CHG", "2026-03-10T00:00:00Z"), Side.LEGACY, "auto-de-address", false),
                Arguments.of(row("DE", "ADDR_CHG", "2026-03-10T00:00:00Z"), Side.SERVICE, "auto-de-address", true),
                Arguments.of(row("AT", "ADDR_CHG", "2026-03-10T00:00:00Z"), Side.LEGACY, "endorsements", true),
                Arguments.of(row("DE", "VEH_ADD", "2026-03-10T00:00:00Z"), Side.SERVICE, "auto-de", false));
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

        assertThat(authority.decide(row("DE", "ADDR_X", null), Instant.parse("2026-02-10T00:00:00Z")))
                .map(AuthorityDecision::conflictRule).contains(ConflictRule.MANUAL_REVIEW);
    }

    @Test
    void beforeThePlanGovernsNothingIsRepairedAndWithoutAPlanTheOperatorDecides() {
        ScopeAuthority authority = new ScopeAuthority(Optional.of(PLAN), "endorsement", Side.LEGACY);
        Optional<AuthorityDecision> before = authority.decide(row("DE", "ADDR_CHG", "2025-12-01T00:00:00Z"), Instant.now());

        assertThat(before).isEmpty();
        assertThat(authority.repairAllowed(before)).isFalse();
        assertThat(ScopeAuthority.withoutPlan().decide(row("DE", "ADDR", null), Instant.now())).isEmpty();
        assertThat(ScopeAuthority.withoutPlan().repairAllowed(Optional.empty())).isTrue();
    }

    @Test
    void recordsWithDomainFieldNamesFindTheirScopeThroughPlanFields() {
        Map<String, Object> domainFields = Map.of("product_line", "AUTO", "country", "DE", "endorsementType", "ADDR_CHG");
        SourceRow domainRow = SourceRow.of(List.of(1L), domainFields, null, Instant.parse("2026-03-10T00:00:00Z"));
        PlanFieldBinding binding = PlanFieldBinding.parse(List.of("endorsement.endorsement_type=endorsementType"), PLAN,
                Set.of("endorsement"));

        assertThat(new ScopeAuthority(Optional.of(PLAN), "endorsement", Side.SERVICE, binding).decide(domainRow, Instant.now()))
                .map(AuthorityDecision::scope).contains("auto-de-address");
        // Unbound, the plan cannot see the type and files the record under the wider AUTO-in-DE scope.
        assertThat(new ScopeAuthority(Optional.of(PLAN), "endorsement", Side.SERVICE).decide(domainRow, Instant.now()))
                .map(AuthorityDecision::scope).contains("auto-de");
        // A state check's row (no event time) is decided at the time of the check.
        assertThat(new ScopeAuthority(Optional.of(PLAN), "endorsement", Side.SERVICE, binding)
                .decide(domainFields, Instant.parse("2026-02-10T00:00:00Z")))
                .map(AuthorityDecision::conflictRule).contains(ConflictRule.MANUAL_REVIEW);
    }
}
