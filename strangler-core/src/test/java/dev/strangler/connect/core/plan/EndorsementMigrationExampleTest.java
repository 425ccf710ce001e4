package dev.strangler.connect.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The example plan users copy (config-examples/plan) must stay valid and mean what docs/migration-plan.md says. */
class EndorsementMigrationExampleTest {

    /** Relative to the module directory, where Maven runs the tests. */
    static final Path EXAMPLE = Path.of("../config-examples/plan/endorsement-migration.yaml");

    static MigrationPlan example() throws IOException {
        return MigrationPlan.parse(Files.readString(EXAMPLE));
    }

    @Test
    void exampleIsAValidPlan() throws IOException {
        MigrationPlan plan = example();

        assertThat(plan.name()).contains("endorsement-migration");
        assertThat(plan.entities().keySet()).containsExactly("endorsement", "policy"); // document order
        assertThat(plan.scopes()).extracting(PlanScope::name)
                .containsExactly("endorsements", "policies", "auto-de-address-changes", "auto-de-vehicle-changes");
    }

    @Test
    void documentationShowsTheExampleAsItIs() throws IOException {
        String documentation = Files.readString(Path.of("../docs/migration-plan.md"));
        assertThat(documentation).contains("```yaml\n" + Files.readString(EXAMPLE) + "```\n");
    }

    @ParameterizedTest(name = "[{index}] {0} {1} {2} at {3} -> {4} phase {5}, writes {6}")
    @CsvSource(textBlock = """
            AUTO, DE, ADDR_STREET, 2027-01-31T22:59:59Z, auto-de-address-changes, 1, LEGACY
            AUTO, DE, ADDR_STREET, 2027-01-31T23:00:00Z, auto-de-address-changes, 2, SERVICE
            AUTO, DE, ADDR_STREET, 2027-03-15T00:00:00Z, auto-de-address-changes, 3, SERVICE
            AUTO, DE, ADDR_STREET, 2027-05-02T22:00:00Z, auto-de-address-changes, 4, SERVICE
            AUTO, DE, ADDR_STREET, 2027-12-01T00:00:00Z, auto-de-address-changes, 5, SERVICE
            AUTO, DE, VEH_CHG,     2027-03-15T00:00:00Z, auto-de-vehicle-changes, 1, LEGACY
            AUTO, DE, VEH_CHG,     2027-06-15T00:00:00Z, auto-de-vehicle-changes, 3, SERVICE
            AUTO, AT, ADDR_STREET, 2027-06-15T00:00:00Z, endorsements,            1, LEGACY
            HOME, DE, ADDR_STREET, 2027-06-15T00:00:00Z, endorsements,            1, LEGACY
            AUTO, DE, BENEF_CHG,   2027-06-15T00:00:00Z, endorsements,            1, LEGACY
            """)
    void addressChangesOfAutoInGermanyMoveFirst(String productLine, String country, String type, Instant eventTime,
                                                String scope, int phase, Side writeAuthority) throws IOException {
        AuthorityDecision decision = example().decide("endorsement",
                Map.of("product_line", productLine, "country", country, "endorsement_type", type), eventTime).orElseThrow();

        assertThat(decision.scope()).isEqualTo(scope);
        assertThat(decision.phase().number()).isEqualTo(phase);
        assertThat(decision.writeAuthority()).isEqualTo(writeAuthority);
    }
}
