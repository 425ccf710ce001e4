package dev.strangler.connect.core.plan;

import static dev.strangler.connect.core.plan.testing.PlanFixtures.HEADER;
import static dev.strangler.connect.core.plan.testing.PlanFixtures.withScopes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.strangler.connect.core.plan.testing.PlanFixtures;

class PlanValidationTest {

    /** A scope of entity endorsement with {@code where} and one timeline entry of the given attributes. */
    private static String scope(String name, String where, String from, String attributes) {
        return "  - name: " + name + "\n"
                + "    entity: endorsement\n"
                + (where == null ? "" : "    where: " + where + "\n")
                + "    effective:\n"
                + "      - from: " + from + "\n"
                + attributes.lines().map(String::strip)
                        .map(line -> (line.startsWith("- ") ? "      " : "        ") + line + "\n").reduce("", String::concat);
    }

    private static final String LEGACY_OWNED = """
            phase: 1
            system-of-record: legacy
            write-authority: legacy
            publisher: legacy
            conflict: legacy-wins
            """;

    static Stream<Arguments> invalidPlans() {
        return Stream.of(
                Arguments.of("empty document", "  \n", "", "the plan is empty"),
                Arguments.of("not YAML", "version: 1\nscopes: [\n", "", "not a valid YAML or JSON document at line"),
                Arguments.of("not a mapping", "- 1\n- 2\n", "", "must be a mapping"),
                Arguments.of("missing version", "entities: {}\nscopes: []\n", "version", "required"),
                Arguments.of("future version", "version: 2\n", "version", "unsupported plan format version 2"),
                Arguments.of("version as text", "version: one\n", "version", "must be an integer"),
                Arguments.of("unknown root key", HEADER + "scope: []\nscopes:\n" + PlanFixtures.CATCH_ALL, "scope", "unknown key"),
                Arguments.of("no entities", "version: 1\nscopes:\n" + PlanFixtures.CATCH_ALL, "entities", "required"),
                Arguments.of("no scopes", HEADER, "scopes", "required"),
                Arguments.of("empty scopes", HEADER + "scopes: []\n", "scopes", "non-empty list"),
                Arguments.of("bad entity name", "version: 1\nentities: {1x: {fields: []}}\nscopes:\n" + PlanFixtures.CATCH_ALL,
                        "entities.1x", "entity names use letters"),
                Arguments.of("field listed twice", "version: 1\nentities: {endorsement: {fields: [a, a]}}\nscopes:\n" + PlanFixtures.CATCH_ALL,
                        "entities.endorsement.fields[1]", "listed twice"),
                Arguments.of("unknown entity", withScopes(scope("x", null, "2026-01-01T00:00:00Z", LEGACY_OWNED).replace("entity: endorsement", "entity: policy")),
                        "scopes[1].entity", "unknown entity 'policy' (declared: endorsement)"),
                Arguments.of("unknown field", withScopes(scope("x", "{produkt_line: AUTO}", "2026-01-01T00:00:00Z", LEGACY_OWNED)),
                        "scopes[1].where.produkt_line", "'produkt_line' is not a field of entity 'endorsement'"),
                Arguments.of("scope name reused", withScopes(scope("endorsements", "{country: DE}", "2026-01-01T00:00:00Z", LEGACY_OWNED)),
                        "scopes[1].name", "already used by scopes[0]"),
                Arguments.of("scope name with spaces", withScopes(scope("'Auto DE'", "{country: DE}", "2026-01-01T00:00:00Z", LEGACY_OWNED)),
                        "scopes[1].name", "is not a scope name"),
                Arguments.of("unknown scope key", withScopes(scope("x", "{country: DE}", "2026-01-01T00:00:00Z", LEGACY_OWNED)
                        .replace("    effective:", "    owner: me\n    effective:")), "scopes[1].owner", "unknown key"),
                Arguments.of("empty where", withScopes(scope("x", "{}", "2026-01-01T00:00:00Z", LEGACY_OWNED)), "scopes[1].where", "is empty"),
                Arguments.of("empty in-list", withScopes(scope("x", "{country: []}", "2026-01-01T00:00:00Z", LEGACY_OWNED)),
                        "scopes[1].where.country", "an empty list matches nothing"),
                Arguments.of("null value", withScopes(scope("x", "{country: null}", "2026-01-01T00:00:00Z", LEGACY_OWNED)),
                        "scopes[1].where.country", "null matches nothing"),
                Arguments.of("nested value", withScopes(scope("x", "{country: [DE, [AT]]}", "2026-01-01T00:00:00Z", LEGACY_OWNED)),
                        "scopes[1].where.country[1]", "must be a text, number or boolean"),
                Arguments.of("unknown operator", withScopes(scope("x", "{country: {matches: 'D.*'}}", "2026-01-01T00:00:00Z", LEGACY_OWNED)),
                        "scopes[1].where.country", "exactly one of {equals: v}"),
                Arguments.of("empty prefix", withScopes(scope("x", "{country: {prefix: ''}}", "2026-01-01T00:00:00Z", LEGACY_OWNED)),
                        "scopes[1].where.country.prefix", "an empty prefix matches every value"),
                Arguments.of("in without list", withScopes(scope("x", "{country: {in: DE}}", "2026-01-01T00:00:00Z", LEGACY_OWNED)),
                        "scopes[1].where.country.in", "must be a list"),
                Arguments.of("missing timeline", HEADER + "scopes:\n  - name: a\n    entity: endorsement\n", "scopes[0].effective", "required"),
                Arguments.of("date without time", withScopes(scope("x", "{country: DE}", "2026-03-01", LEGACY_OWNED)),
                        "scopes[1].effective[0].from", "not an ISO-8601 instant"),
                Arguments.of("local time without offset", withScopes(scope("x", "{country: DE}", "2026-03-01T00:00:00", LEGACY_OWNED)),
                        "scopes[1].effective[0].from", "not an ISO-8601 instant with a UTC offset"),
                Arguments.of("epoch number", withScopes(scope("x", "{country: DE}", "1772323200000", LEGACY_OWNED)),
                        "scopes[1].effective[0].from", "not an ISO-8601 instant"),
                Arguments.of("first entry incomplete", withScopes(scope("x", "{country: DE}", "2026-01-01T00:00:00Z", "phase: 1")),
                        "scopes[1].effective[0]", "missing 'system-of-record'"),
                Arguments.of("unknown side", withScopes(scope("x", "{country: DE}", "2026-01-01T00:00:00Z",
                        LEGACY_OWNED.replace("write-authority: legacy", "write-authority: servce"))),
                        "scopes[1].effective[0].write-authority", "'servce' is not one of legacy, service"),
                Arguments.of("unknown phase", withScopes(scope("x", "{country: DE}", "2026-01-01T00:00:00Z",
                        LEGACY_OWNED.replace("phase: 1", "phase: 6"))), "scopes[1].effective[0].phase", "'6' is not one of 1-5"),
                Arguments.of("unknown conflict rule", withScopes(scope("x", "{country: DE}", "2026-01-01T00:00:00Z",
                        LEGACY_OWNED.replace("legacy-wins", "newest"))), "scopes[1].effective[0].conflict", "not one of legacy-wins"),
                Arguments.of("unknown entry key", withScopes(scope("x", "{country: DE}", "2026-01-01T00:00:00Z",
                        LEGACY_OWNED + "reads: service\n")), "scopes[1].effective[0].reads", "unknown key"),
                Arguments.of("effective time going back", withScopes(scope("x", "{country: DE}", "2026-02-01T00:00:00Z",
                        LEGACY_OWNED + "- from: 2026-01-15T00:00:00Z\n  phase: 2\n")),
                        "scopes[1].effective[1].from", "is not after the previous entry's 2026-02-01T00:00:00Z"),
                Arguments.of("effective time repeated", withScopes(scope("x", "{country: DE}", "2026-02-01T00:00:00Z",
                        LEGACY_OWNED + "- from: 2026-02-01T01:00:00+01:00\n  phase: 2\n")),
                        "scopes[1].effective[1].from", "strictly increasing"),
                Arguments.of("phase 3 with legacy write authority", withScopes(scope("x", "{country: DE}", "2026-01-01T00:00:00Z",
                        "phase: 3\nsystem-of-record: legacy\nwrite-authority: legacy\npublisher: service\nconflict: service-wins")),
                        "scopes[1].effective[0].write-authority", "legacy contradicts phase 3 (write-ownership-shifted)"),
                Arguments.of("phase 3 with legacy winning conflicts", withScopes(scope("x", "{country: DE}", "2026-01-01T00:00:00Z",
                        "phase: 3\nsystem-of-record: legacy\nwrite-authority: service\npublisher: service\nconflict: legacy-wins")),
                        "scopes[1].effective[0].conflict", "legacy-wins contradicts phase 3"),
                Arguments.of("phase 4 with legacy system of record", withScopes(scope("x", "{country: DE}", "2026-01-01T00:00:00Z",
                        "phase: reads-retired\nsystem-of-record: legacy\nwrite-authority: service\npublisher: service\nconflict: service-wins")),
                        "scopes[1].effective[0].system-of-record", "legacy contradicts phase 4 (reads-retired)"),
                Arguments.of("phase 1 with service write authority", withScopes(scope("x", "{country: DE}", "2026-01-01T00:00:00Z",
                        LEGACY_OWNED.replace("write-authority: legacy", "write-authority: service"))),
                        "scopes[1].effective[0].write-authority", "service contradicts phase 1 (mirror)"),
                Arguments.of("service writes but legacy publishes", withScopes(scope("x", "{country: DE}", "2026-01-01T00:00:00Z",
                        "phase: 2\nsystem-of-record: legacy\nwrite-authority: service\npublisher: legacy\nconflict: manual-review")),
                        "scopes[1].effective[0].publisher", "legacy cannot publish what the service writes"),
                Arguments.of("no catch-all", HEADER + "scopes:\n" + scope("x", "{country: DE}", "2026-01-01T00:00:00Z", LEGACY_OWNED),
                        "entities.endorsement", "no catch-all scope"),
                Arguments.of("scope before catch-all", withScopes(scope("x", "{country: DE}", "2025-12-01T00:00:00Z", LEGACY_OWNED)),
                        "scopes[1].effective[0].from", "before the catch-all scope 'endorsements'"),
                Arguments.of("second catch-all", withScopes(scope("x", null, "2026-01-01T00:00:00Z", LEGACY_OWNED)),
                        "scopes[1].where", "covers exactly the same records as scope 'endorsements' (scopes[0])"),
                Arguments.of("same predicate written differently", withScopes(
                        scope("a", "{country: [DE, AT]}", "2026-01-01T00:00:00Z", LEGACY_OWNED)
                                + scope("b", "{country: {in: [AT, DE]}}", "2026-01-01T00:00:00Z", LEGACY_OWNED)),
                        "scopes[2].where", "covers exactly the same records as scope 'a' (scopes[1])"),
                Arguments.of("crossing scopes", withScopes(
                        scope("auto", "{product_line: AUTO}", "2026-01-01T00:00:00Z", LEGACY_OWNED)
                                + scope("de", "{country: DE}", "2026-01-01T00:00:00Z", LEGACY_OWNED)),
                        "scopes[2].where", "overlaps scope 'auto' (scopes[1]) without either containing the other"),
                Arguments.of("crossing in-lists", withScopes(
                        scope("de-at", "{country: [DE, AT]}", "2026-01-01T00:00:00Z", LEGACY_OWNED)
                                + scope("at-ch", "{country: [AT, CH]}", "2026-01-01T00:00:00Z", LEGACY_OWNED)),
                        "scopes[2].where", "overlaps scope 'de-at'"),
                Arguments.of("crossing prefixes", withScopes(
                        scope("addr", "{endorsement_type: {prefix: ADDR}}", "2026-01-01T00:00:00Z", LEGACY_OWNED)
                                + scope("addr-home", "{endorsement_type: [ADDR_HOME, RATE]}", "2026-01-01T00:00:00Z", LEGACY_OWNED)),
                        "scopes[2].where", "overlaps scope 'addr'"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("invalidPlans")
    void invalidPlanIsRejectedWithThePathOfTheProblem(String description, String document, String path, String message) {
        InvalidPlanException thrown = catchThrowableOfType(InvalidPlanException.class, () -> MigrationPlan.parse(document));

        assertThat(thrown).as("expected %s to be rejected", description).isNotNull();
        assertThat(thrown.errors()).as(thrown.getMessage())
                .anySatisfy(error -> {
                    assertThat(error.path()).isEqualTo(path);
                    assertThat(error.message()).contains(message);
                });
    }

    static Stream<Arguments> validNestings() {
        return Stream.of(
                Arguments.of("disjoint values", scope("de", "{country: DE}", "2026-01-01T00:00:00Z", LEGACY_OWNED)
                        + scope("at", "{country: AT}", "2026-01-01T00:00:00Z", LEGACY_OWNED)),
                Arguments.of("disjoint on one of several fields", scope("auto-de", "{product_line: AUTO, country: DE}", "2026-01-01T00:00:00Z", LEGACY_OWNED)
                        + scope("home", "{product_line: HOME}", "2026-01-01T00:00:00Z", LEGACY_OWNED)),
                Arguments.of("value inside list", scope("de", "{country: DE}", "2026-01-01T00:00:00Z", LEGACY_OWNED)
                        + scope("dach", "{country: [DE, AT, CH]}", "2026-01-01T00:00:00Z", LEGACY_OWNED)),
                Arguments.of("values inside prefix", scope("addr", "{endorsement_type: {prefix: ADDR}}", "2026-01-01T00:00:00Z", LEGACY_OWNED)
                        + scope("addr-home", "{endorsement_type: [ADDR_HOME, ADDR_POST]}", "2026-01-01T00:00:00Z", LEGACY_OWNED)),
                Arguments.of("longer prefix inside shorter", scope("ad", "{endorsement_type: {prefix: [AD, X]}}", "2026-01-01T00:00:00Z", LEGACY_OWNED)
                        + scope("addr", "{endorsement_type: {prefix: ADDR}}", "2026-01-01T00:00:00Z", LEGACY_OWNED)),
                Arguments.of("disjoint prefixes", scope("addr", "{endorsement_type: {prefix: ADDR}}", "2026-01-01T00:00:00Z", LEGACY_OWNED)
                        + scope("rate", "{endorsement_type: {prefix: RATE}}", "2026-01-01T00:00:00Z", LEGACY_OWNED)),
                Arguments.of("extra field narrows", scope("auto", "{product_line: AUTO}", "2026-01-01T00:00:00Z", LEGACY_OWNED)
                        + scope("auto-de", "{product_line: AUTO, country: DE}", "2026-01-01T00:00:00Z", LEGACY_OWNED)),
                Arguments.of("JSON-style flow", scope("de", "{\"country\": {\"equals\": \"DE\"}}", "\"2026-01-01T00:00:00Z\"", LEGACY_OWNED)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("validNestings")
    void nestedOrDisjointScopesAreAccepted(String description, String scopes) {
        long declared = scopes.lines().filter(line -> line.startsWith("  - name: ")).count();
        assertThat(MigrationPlan.parse(withScopes(scopes)).scopes()).hasSize(1 + (int) declared);
    }

    @Test
    void everyProblemIsReportedNotOnlyTheFirst() {
        String document = withScopes(scope("x", "{produkt_line: AUTO}", "yesterday",
                LEGACY_OWNED.replace("publisher: legacy", "publisher: nobody")));

        InvalidPlanException thrown = catchThrowableOfType(InvalidPlanException.class, () -> MigrationPlan.parse(document));

        assertThat(thrown.errors()).extracting(PlanError::path).containsExactly(
                "scopes[1].where.produkt_line", "scopes[1].effective[0].from", "scopes[1].effective[0].publisher");
        assertThat(thrown.getMessage()).startsWith("3 problems: scopes[1].where.produkt_line: ");
    }

    @Test
    void jsonDocumentsAreAccepted() {
        String json = """
                {"version": 1,
                 "entities": {"endorsement": {"fields": ["country"]}},
                 "scopes": [{"name": "all", "entity": "endorsement", "effective": [
                    {"from": "2026-01-01T00:00:00Z", "phase": 1, "system-of-record": "legacy",
                     "write-authority": "legacy", "publisher": "legacy", "conflict": "legacy-wins"}]}]}
                """;
        assertThat(MigrationPlan.parse(json).scopes()).singleElement().extracting(PlanScope::name).isEqualTo("all");
    }

    @Test
    void duplicateKeysAreRejected() {
        assertThatThrownBy(() -> MigrationPlan.parse(PlanFixtures.PLAN + "version: 1\n"))
                .isInstanceOf(InvalidPlanException.class).hasMessageContaining("Duplicate field 'version'");
    }
}
