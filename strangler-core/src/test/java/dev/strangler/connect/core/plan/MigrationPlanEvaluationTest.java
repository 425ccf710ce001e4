package dev.strangler.connect.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.strangler.connect.core.plan.testing.PlanFixtures;

class MigrationPlanEvaluationTest {

    private static final MigrationPlan PLAN = MigrationPlan.parse(PlanFixtures.PLAN);

    @ParameterizedTest(name = "[{index}] {0}/{1}/{2} at {3} -> {4} {5} writes={6}")
    @CsvSource(nullValues = "-", textBlock = """
            # line, country, type,     event time,                  scope,           phase,                    write authority, since
            AUTO,   DE,      ADDR_CHG, 2026-01-01T00:00:00Z,        endorsements,    MIRROR,                   LEGACY,  2026-01-01T00:00:00Z
            AUTO,   DE,      ADDR_CHG, 2026-01-14T23:59:59.999Z,    endorsements,    MIRROR,                   LEGACY,  2026-01-01T00:00:00Z
            AUTO,   DE,      ADDR_CHG, 2026-01-15T00:00:00Z,        auto-de,         MIRROR,                   LEGACY,  2026-01-15T00:00:00Z
            AUTO,   DE,      ADDR_CHG, 2026-01-31T23:59:59.999Z,    auto-de,         MIRROR,                   LEGACY,  2026-01-15T00:00:00Z
            AUTO,   DE,      ADDR_CHG, 2026-02-01T00:00:00Z,        auto-de-address, PARTIAL_EXTRACTION,       SERVICE, 2026-02-01T00:00:00Z
            AUTO,   DE,      ADDR_CHG, 2026-02-28T22:59:59.999Z,    auto-de-address, PARTIAL_EXTRACTION,       SERVICE, 2026-02-01T00:00:00Z
            AUTO,   DE,      ADDR_CHG, 2026-02-28T23:00:00Z,        auto-de-address, WRITE_OWNERSHIP_SHIFTED,  SERVICE, 2026-02-28T23:00:00Z
            AUTO,   DE,      ADDR,     2027-06-01T00:00:00Z,        auto-de-address, WRITE_OWNERSHIP_SHIFTED,  SERVICE, 2026-02-28T23:00:00Z
            AUTO,   DE,      RATE_CHG, 2026-03-15T00:00:00Z,        auto-de,         MIRROR,                   LEGACY,  2026-01-15T00:00:00Z
            AUTO,   DE,      -,        2026-03-15T00:00:00Z,        auto-de,         MIRROR,                   LEGACY,  2026-01-15T00:00:00Z
            AUTO,   AT,      ADDR_CHG, 2026-03-15T00:00:00Z,        endorsements,    MIRROR,                   LEGACY,  2026-01-01T00:00:00Z
            HOME,   DE,      ADDR_CHG, 2026-03-15T00:00:00Z,        endorsements,    MIRROR,                   LEGACY,  2026-01-01T00:00:00Z
            auto,   DE,      ADDR_CHG, 2026-03-15T00:00:00Z,        endorsements,    MIRROR,                   LEGACY,  2026-01-01T00:00:00Z
            -,      -,       -,        2026-03-15T00:00:00Z,        endorsements,    MIRROR,                   LEGACY,  2026-01-01T00:00:00Z
            """)
    void decidesByMostSpecificExistingScopeAtEventTime(String productLine, String country, String type, Instant eventTime,
                                                       String scope, Phase phase, Side writeAuthority, Instant since) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("product_line", productLine);
        fields.put("country", country);
        fields.put("endorsement_type", type);

        Optional<AuthorityDecision> decision = PLAN.decide("endorsement", fields, eventTime);

        assertThat(decision).hasValueSatisfying(d -> {
            assertThat(d.scope()).isEqualTo(scope);
            assertThat(d.entity()).isEqualTo("endorsement");
            assertThat(d.phase()).isEqualTo(phase);
            assertThat(d.writeAuthority()).isEqualTo(writeAuthority);
            assertThat(d.effectiveSince()).isEqualTo(since);
        });
    }

    @Test
    void laterEntriesInheritWhatTheyDoNotRestate() {
        AuthorityDecision march = PLAN.decide("endorsement",
                Map.of("product_line", "AUTO", "country", "DE", "endorsement_type", "ADDR"),
                Instant.parse("2026-03-02T00:00:00Z")).orElseThrow();

        assertThat(march).isEqualTo(new AuthorityDecision("auto-de-address", "endorsement",
                Instant.parse("2026-02-28T23:00:00Z"), Phase.WRITE_OWNERSHIP_SHIFTED, Side.LEGACY, Side.SERVICE,
                Side.SERVICE, ConflictRule.SERVICE_WINS));
    }

    @Test
    void theSameRecordAndEventTimeGiveTheSameDecisionWhateverTheWallClock() {
        Map<String, Object> record = Map.of("product_line", "AUTO", "country", "DE", "endorsement_type", "ADDR");
        Instant eventTime = Instant.parse("2026-02-28T22:59:59Z");
        MigrationPlan reloaded = MigrationPlan.parse(PlanFixtures.PLAN);

        assertThat(reloaded.decide("endorsement", record, eventTime)).isEqualTo(PLAN.decide("endorsement", record, eventTime));
        assertThat(PLAN.decide("endorsement", record, eventTime).orElseThrow().phase()).isEqualTo(Phase.PARTIAL_EXTRACTION);
    }

    @Test
    void eventsBeforeThePlanGovernsTheEntityAndUnknownEntitiesHaveNoDecision() {
        assertThat(PLAN.decide("endorsement", Map.of("product_line", "AUTO"), Instant.parse("2025-12-31T23:59:59.999Z"))).isEmpty();
        assertThat(PLAN.decide("policy", Map.of(), Instant.parse("2026-06-01T00:00:00Z"))).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(textBlock = """
            7,     true
            7.0,   true
            7.50,  false
            """)
    void numbersCompareByValue(String amount, boolean matches) {
        MigrationPlan plan = MigrationPlan.parse(PlanFixtures.withScopes("""
                  - name: small
                    entity: endorsement
                    where: {amount: [7, 8]}
                    effective:
                      - from: 2026-01-01T00:00:00Z
                        phase: 1
                        system-of-record: legacy
                        write-authority: legacy
                        publisher: legacy
                        conflict: legacy-wins
                """));
        String scope = plan.decide("endorsement", Map.of("amount", new java.math.BigDecimal(amount)),
                Instant.parse("2026-02-01T00:00:00Z")).orElseThrow().scope();
        assertThat(scope).isEqualTo(matches ? "small" : "endorsements");
        assertThat(plan.decide("endorsement", Map.of("amount", 8L), Instant.parse("2026-02-01T00:00:00Z")).orElseThrow().scope())
                .isEqualTo("small");
    }

    @Test
    void authorityTableListsEveryExistingScopeInDocumentOrder() {
        assertThat(PLAN.authorityAt(Instant.parse("2026-01-20T00:00:00Z"))).extracting(AuthorityDecision::scope)
                .containsExactly("endorsements", "auto-de");
        assertThat(PLAN.authorityAt(Instant.parse("2026-03-20T00:00:00Z"))).extracting(AuthorityDecision::scope)
                .containsExactly("endorsements", "auto-de", "auto-de-address");
        assertThat(PLAN.changeInstants()).containsExactly(Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-15T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-02-28T23:00:00Z"));
    }
}
