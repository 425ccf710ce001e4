package dev.strangler.connect.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.strangler.connect.core.plan.testing.PlanFixtures;

class PlanDiffTest {

    private static final MigrationPlan PLAN = MigrationPlan.parse(PlanFixtures.PLAN);

    @Test
    void rewordedPlanWithTheSameMeaningHasNoChange() {
        // An extra entry that restates the authority in force, a note, and a different order of scopes.
        String reworded = PlanFixtures.PLAN
                .replace("                    conflict: service-wins\n", "                    conflict: service-wins\n"
                        + "                    note: CHG-1\n"
                        + "                  - from: 2026-06-01T00:00:00Z\n"
                        + "                    phase: 3\n");

        PlanDiff diff = PlanDiff.between(PLAN, MigrationPlan.parse(reworded));

        assertThat(diff.isEmpty()).isTrue();
        assertThat(diff.render()).isEqualTo("No change in authority.\n");
    }

    @Test
    void predicateAndEntityChangesAreShown() {
        String changed = PlanFixtures.PLAN
                .replace("where: {product_line: AUTO, country: [DE]}", "where: {product_line: AUTO, country: [DE, AT]}")
                .replace("fields: [product_line, country, endorsement_type, amount]", "fields: [product_line, country, endorsement_type]")
                + "  - name: policies\n    entity: policy\n    effective:\n      - {from: \"2026-01-01T00:00:00Z\", phase: 1,"
                + " system-of-record: legacy, write-authority: legacy, publisher: legacy, conflict: legacy-wins}\n";
        changed = changed.replace("entities:\n", "entities:\n  policy: {fields: []}\n");

        PlanDiff diff = PlanDiff.between(PLAN, MigrationPlan.parse(changed));

        assertThat(diff.entityChanges()).containsExactly(
                "entity endorsement fields [amount, country, endorsement_type, product_line] -> [country, endorsement_type, product_line]",
                "entity policy added");
        assertThat(diff.predicateChanges()).singleElement()
                .satisfies(change -> assertThat(change.scope()).isEqualTo("auto-de"));
        assertThat(diff.render()).isEqualTo("""
                entity endorsement fields [amount, country, endorsement_type, product_line] -> [country, endorsement_type, product_line]
                entity policy added
                scope auto-de:
                  where: country = DE and product_line = AUTO -> country in (AT, DE) and product_line = AUTO
                scope policies:
                  from 2026-01-01T00:00:00Z on: new: phase 1 mirror, system-of-record legacy, write-authority legacy, publisher legacy, conflict legacy-wins
                """);
    }

    @Test
    void adjacentIntervalsWithTheSameChangeAreMerged() {
        // Cutover to phase 3 moves from 2026-02-28T23:00Z to 2026-04-01; an extra entry in the old plan at
        // 2026-03-10 restating phase 3 must not split the reported interval.
        MigrationPlan before = MigrationPlan.parse(PlanFixtures.PLAN.replace("                    conflict: service-wins\n",
                "                    conflict: service-wins\n                  - from: 2026-03-10T00:00:00Z\n                    phase: 3\n"));
        MigrationPlan after = MigrationPlan.parse(PlanFixtures.PLAN.replace("2026-03-01T00:00:00+01:00", "2026-04-01T00:00:00Z"));

        PlanDiff diff = PlanDiff.between(before, after);

        assertThat(diff.authorityChanges()).singleElement().satisfies(change -> {
            assertThat(change.scope()).isEqualTo("auto-de-address");
            assertThat(change.from()).isEqualTo(Instant.parse("2026-02-28T23:00:00Z"));
            assertThat(change.until()).isEqualTo(Optional.of(Instant.parse("2026-04-01T00:00:00Z")));
            assertThat(change.before().orElseThrow().phase()).isEqualTo(Phase.WRITE_OWNERSHIP_SHIFTED);
            assertThat(change.after().orElseThrow().phase()).isEqualTo(Phase.PARTIAL_EXTRACTION);
        });
    }
}
