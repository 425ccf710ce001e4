package dev.strangler.connect.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.strangler.connect.core.plan.testing.PlanFixtures;

class MigrationPlanConfigTest {

    private static final ConfigDef DEF = MigrationPlanConfig.define(new ConfigDef(), "Migration plan");
    private static final String BROKEN = PlanFixtures.PLAN.replace("from: 2026-02-01T00:00:00Z", "from: next monday");

    @TempDir
    Path dir;

    private static Map<String, ConfigValue> validate(Map<String, String> config) {
        Map<String, ConfigValue> results = new HashMap<>();
        DEF.validate(config).forEach(value -> results.put(value.name(), value));
        return results;
    }

    @Test
    void inlinePlanIsParsed() {
        MigrationPlan plan = MigrationPlanConfig.from(new AbstractConfig(DEF, Map.of("migration.plan", PlanFixtures.PLAN)));
        assertThat(plan.scopes()).extracting(PlanScope::name).containsExactly("endorsements", "auto-de", "auto-de-address");
    }

    @Test
    void planFileIsReadFromTheWorker() throws IOException {
        Path file = Files.writeString(dir.resolve("plan.yaml"), PlanFixtures.PLAN);
        MigrationPlan plan = MigrationPlanConfig.from(new AbstractConfig(DEF, Map.of("migration.plan.file", " " + file + " ")));
        assertThat(plan.scopes()).hasSize(3);
    }

    @Test
    void invalidInlinePlanFailsValidationWithTheKeyAndThePathInTheDocument() {
        List<String> errors = validate(Map.of("migration.plan", BROKEN)).get("migration.plan").errorMessages();

        assertThat(errors).singleElement().asString()
                .contains("migration.plan")
                .contains("scopes[2].effective[0].from: not an ISO-8601 instant")
                .doesNotContain("auto-de-address"); // the document itself is not echoed
    }

    @Test
    void invalidPlanFileFailsValidationWithTheFileAndThePathInTheDocument() throws IOException {
        Path file = Files.writeString(dir.resolve("plan.yaml"), BROKEN);
        List<String> errors = validate(Map.of("migration.plan.file", file.toString())).get("migration.plan.file").errorMessages();

        assertThat(errors).singleElement().asString()
                .contains("migration.plan.file").contains(file.toString())
                .contains("scopes[2].effective[0].from: not an ISO-8601 instant");
    }

    @Test
    void missingPlanFileFailsValidation() {
        String missing = dir.resolve("nope.yaml").toString();
        assertThat(validate(Map.of("migration.plan.file", missing)).get("migration.plan.file").errorMessages())
                .singleElement().asString().contains("no such file on this worker");
    }

    @Test
    void exactlyOneSourceOfThePlan() throws IOException {
        Path file = Files.writeString(dir.resolve("plan.yaml"), PlanFixtures.PLAN);
        Map<String, String> both = Map.of("migration.plan", PlanFixtures.PLAN, "migration.plan.file", file.toString());

        assertThatThrownBy(() -> MigrationPlanConfig.from(new AbstractConfig(DEF, both)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("Set either migration.plan or migration.plan.file");
        assertThatThrownBy(() -> MigrationPlanConfig.from(new AbstractConfig(DEF, Map.of())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("A migration plan is required");
        assertThat(MigrationPlanConfig.optionalFrom(new AbstractConfig(DEF, Map.of()))).isEmpty();

        Map<String, ConfigValue> bothResults = validate(both);
        MigrationPlanConfig.validateChoice(both, bothResults, true);
        assertThat(bothResults.get("migration.plan.file").errorMessages()).containsExactly("Set either migration.plan or migration.plan.file, not both");

        Map<String, ConfigValue> noneResults = validate(Map.of());
        MigrationPlanConfig.validateChoice(Map.of(), noneResults, true);
        assertThat(noneResults.get("migration.plan").errorMessages()).singleElement().asString().startsWith("A migration plan is required");

        Map<String, ConfigValue> optional = validate(Map.of());
        MigrationPlanConfig.validateChoice(Map.of(), optional, false);
        assertThat(optional.values()).allSatisfy(value -> assertThat(value.errorMessages()).isEmpty());
    }

    /** What a recommender of another key sees during validation: the plan only when it is the one valid plan. */
    @Test
    void planForValidationIsThePlanOnlyWhenExactlyOneValidPlanIsGiven() throws IOException {
        Path file = Files.writeString(dir.resolve("plan.yaml"), PlanFixtures.PLAN);
        Map<String, Object> inline = new HashMap<>();
        inline.put("migration.plan", PlanFixtures.PLAN);
        inline.put("migration.plan.file", null);
        Map<String, Object> fromFile = new HashMap<>();
        fromFile.put("migration.plan", null);
        fromFile.put("migration.plan.file", file.toString());

        assertThat(MigrationPlanConfig.planForValidation(inline)).get().extracting(plan -> plan.scopes().size()).isEqualTo(3);
        assertThat(MigrationPlanConfig.planForValidation(fromFile)).get().extracting(plan -> plan.scopes().size()).isEqualTo(3);
        assertThat(MigrationPlanConfig.planForValidation(Map.of())).isEmpty();
        assertThat(MigrationPlanConfig.planForValidation(Map.of("migration.plan", BROKEN))).isEmpty();
        assertThat(MigrationPlanConfig.planForValidation(Map.of("migration.plan.file", dir.resolve("nope.yaml").toString()))).isEmpty();
        assertThat(MigrationPlanConfig.planForValidation(Map.of("migration.plan", PlanFixtures.PLAN, "migration.plan.file", file.toString())))
                .isEmpty();
    }
}
