package dev.strangler.connect.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.strangler.connect.core.plan.testing.PlanFixtures;

class PlanFieldBindingTest {

    private static final MigrationPlan PLAN = MigrationPlan.parse(PlanFixtures.PLAN);
    private static final Set<String> ENDORSEMENT = Set.of("endorsement");

    @Test
    void recordsWithDomainFieldNamesFindTheirScopeThroughTheBinding() {
        PlanFieldBinding binding = PlanFieldBinding.parse(
                List.of("endorsement.product_line=productLine", " endorsement.endorsement_type = endorsementType ", ""),
                PLAN, ENDORSEMENT);
        Map<String, Object> record = Map.of("productLine", "AUTO", "country", "DE", "endorsementType", "ADDR_CHG");
        Instant march = Instant.parse("2026-03-15T00:00:00Z");

        assertThat(PLAN.decide("endorsement", binding.view("endorsement", FieldValues.of(record)), march))
                .hasValueSatisfying(d -> assertThat(d.scope()).isEqualTo("auto-de-address"));
        // Without it, the plan sees none of the predicate's fields and files the record under the catch-all.
        assertThat(PLAN.decide("endorsement", FieldValues.of(record), march))
                .hasValueSatisfying(d -> assertThat(d.scope()).isEqualTo("endorsements"));
        assertThat(binding.source("endorsement", "product_line")).isEqualTo("productLine");
        assertThat(binding.source("endorsement", "country")).isEqualTo("country");
        assertThat(binding.bound("endorsement")).containsOnlyKeys("product_line", "endorsement_type");
    }

    @Test
    void identityReadsEveryFieldUnderItsOwnName() {
        FieldValues record = FieldValues.of(Map.of("product_line", "AUTO"));
        assertThat(PlanFieldBinding.identity().view("endorsement", record)).isSameAs(record);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            product_line=productLine                                         | must be entity.field=
            endorsement.product_line                                         | must be entity.field=
            endorsement.=productLine                                         | must be entity.field=
            policy.product_line=productLine                                  | 'policy' is not the entity of these records
            endorsement.productLine=productLine                              | 'productLine' is not a field of plan entity 'endorsement' (product_line, country, endorsement_type, amount)
            """)
    void malformedOrForeignEntriesAreRefusedNamingTheEntry(String entry, String message) {
        assertThatThrownBy(() -> PlanFieldBinding.parse(List.of(entry), PLAN, ENDORSEMENT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + entry + "'")
                .hasMessageContaining(message);
    }

    @Test
    void anEntityTheRecordsAreAboutButThePlanLacksIsRefused() {
        assertThatThrownBy(() -> PlanFieldBinding.parse(List.of("claim.status=state"), PLAN, Set.of("claim")))
                .hasMessageContaining("'claim' is not an entity of the migration plan (endorsement)");
    }

    @Test
    void aFieldBoundTwiceIsRefused() {
        assertThatThrownBy(() -> PlanFieldBinding.parse(List.of("endorsement.country=a", "endorsement.country=b"), PLAN, ENDORSEMENT))
                .hasMessageContaining("bound twice");
    }

    /**
     * The reconcile connectors of config-examples bind the records' field names (the ACL's and the service's events
     * spell productLine, endorsementType) to the example plan, so an AUTO/DE address change is filed under its own
     * scope, not the catch-all.
     */
    @Test
    void theExampleReconcilersBindTheirRecordsToTheExamplePlan() throws java.io.IOException {
        MigrationPlan example = EndorsementMigrationExampleTest.example();
        java.util.regex.Pattern key = java.util.regex.Pattern.compile("\"(plan\\.fields|plan\\.entity)\": \"([^\"]*)\"");
        List<java.nio.file.Path> reconcilers;
        try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("../config-examples"))) {
            reconcilers = files.filter(f -> f.getFileName().toString().startsWith("endorsement-reconcile-")
                    && f.toString().endsWith(".json")).toList();
        }
        assertThat(reconcilers).hasSizeGreaterThanOrEqualTo(9);
        Map<String, Object> event = Map.of("productLine", "AUTO", "country", "DE", "endorsementType", "ADDR_CHG");
        for (java.nio.file.Path file : reconcilers) {
            Map<String, String> keys = new java.util.HashMap<>();
            java.util.regex.Matcher matcher = key.matcher(java.nio.file.Files.readString(file));
            while (matcher.find()) {
                keys.put(matcher.group(1), matcher.group(2));
            }
            assertThat(keys).as(file.toString()).containsKeys("plan.fields", "plan.entity");
            String entity = keys.get("plan.entity");
            PlanFieldBinding binding = PlanFieldBinding.parse(List.of(keys.get("plan.fields").split(",")), example, Set.of(entity));

            assertThat(example.decide(entity, binding.view(entity, FieldValues.of(event)), Instant.parse("2027-03-15T00:00:00Z")))
                    .as(file.toString()).hasValueSatisfying(d -> assertThat(d.scope()).isEqualTo("auto-de-address-changes"));
        }
    }
}
