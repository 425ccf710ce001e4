package dev.strangler.connect.it.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.strangler.connect.harness.Await;
import dev.strangler.connect.harness.LocalStack;
import dev.strangler.connect.harness.PostgresServer;

/**
 * A state-level check of tables keyed by text (policy references such as 'POL-012001'), where the legacy table's
 * columns are not named like the record fields (mapped by state.source.columns, no view) and the migration plan
 * files each finding under its scope (records' countryCode bound to the plan's country by plan.fields): corrupted,
 * missing and extra rows among 20 000 are located through hash buckets of the key text and reported row by row.
 */
class StateCheckLocalisesCorruptedTextKeyIT {

    private static final LocalStack STACK = LocalStack.shared();
    private static final String LEGACY = "rec_textkey_legacy";
    private static final String PLAN = """
            {"version": 1, "entities": {"policy": {"fields": ["country"]}},
             "scopes": [
               {"name": "policies", "entity": "policy", "effective": [{"from": "2020-01-01T00:00:00Z", "phase": "mirror",
                "system-of-record": "legacy", "write-authority": "legacy", "publisher": "legacy", "conflict": "legacy-wins"}]},
               {"name": "de-policies", "entity": "policy", "where": {"country": "DE"}, "effective": [{"from": "2020-01-01T00:00:00Z",
                "phase": "partial-extraction", "system-of-record": "legacy", "write-authority": "service", "publisher": "service",
                "conflict": "manual-review"}]}]}""";
    private static ReconcileFixture fixture;

    @BeforeAll
    static void setUp() {
        fixture = new ReconcileFixture(STACK, "rec_textkey");
        fixture.createTargetStore();
        PostgresServer postgres = STACK.postgres();
        postgres.createDatabase(LEGACY);
        String ref = "'POL-' || lpad(g::text, 6, '0')";
        String country = "CASE WHEN g % 2 = 0 THEN 'DE' ELSE 'AT' END";
        postgres.execute(LEGACY,
                "CREATE TABLE IF NOT EXISTS pol_master (pol_ref varchar(20) PRIMARY KEY, holder_nm varchar(80), prem_amt numeric(12,2), "
                        + "ctry_cd char(2))",
                "INSERT INTO pol_master SELECT " + ref + ", 'Holder ' || g, g * 1.25, " + country
                        + " FROM generate_series(1, 20000) g ON CONFLICT DO NOTHING");
        postgres.execute(fixture.database,
                "CREATE TABLE IF NOT EXISTS svc.policy_by_ref (policy_ref text PRIMARY KEY, holder_name varchar(80), "
                        + "premium numeric(12,2), country varchar(2))",
                "INSERT INTO svc.policy_by_ref SELECT " + ref + ", 'Holder ' || g, g * 1.25, " + country
                        + " FROM generate_series(1, 20000) g ON CONFLICT DO NOTHING",
                "UPDATE svc.policy_by_ref SET holder_name = 'Corrupted' WHERE policy_ref IN ('POL-012002', 'POL-012003')",
                "DELETE FROM svc.policy_by_ref WHERE policy_ref = 'POL-000500'",
                "INSERT INTO svc.policy_by_ref VALUES ('POL-X-ONLY', 'Only in target', 1.00, 'DE') ON CONFLICT DO NOTHING");
    }

    @AfterAll
    static void tearDown() {
        fixture.stop();
    }

    private static Map<String, String> config() {
        PostgresServer postgres = STACK.postgres();
        Map<String, String> config = fixture.connectorConfig(Duration.ofSeconds(2));
        config.put("target.table", "svc.policy_by_ref");
        config.put("mapping.key", "policyRef:policy_ref");
        config.put("mapping.fields", "holder:holder_name,premium,countryCode:country");
        config.remove("compare.enum.equivalence");
        config.put("source.connection.url", postgres.jdbcUrl(LEGACY));
        config.put("source.connection.user", postgres.user());
        config.put("source.connection.password", postgres.password());
        config.put("state.source.table", "public.pol_master");
        config.put("state.source.columns", "policyRef:pol_ref,holder:holder_nm,premium:prem_amt,countryCode:ctry_cd");
        config.put("state.check.interval.ms", "3000");
        config.put("state.sum.fields", "premium");
        config.put("state.bisection.factor", "16");
        config.put("state.bisection.threshold", "32");
        config.put("migration.plan", PLAN);
        config.put("plan.entity", "policy");
        config.put("plan.fields", "policy.country=countryCode");
        return config;
    }

    @Test
    void aStateCheckLocalisesCorruptedTextKeyedRowsUnderTheirPlanScopes() {
        Map<String, String> config = config();
        fixture.start(config);

        Await.until("four state findings", Duration.ofMinutes(2),
                () -> fixture.findings().stream().filter(f -> f.checkLevel().equals("state")).count() >= 4);
        List<ReconcileFixture.FindingRow> findings = fixture.findings().stream()
                .filter(f -> f.checkLevel().equals("state")).limit(4).toList();

        assertThat(findings).extracting(f -> f.rowKey() + ":" + f.kind() + ":" + f.scope()).containsExactlyInAnyOrder(
                "POL-000500:missing-in-target:de-policies", "POL-012002:mismatch:de-policies",
                "POL-012003:mismatch:policies", "POL-X-ONLY:missing-in-source:de-policies");
        assertThat(findings).filteredOn(f -> f.kind().equals("mismatch")).allSatisfy(f -> {
            assertThat(f.differences()).singleElement().satisfies(d -> assertThat(d.get("field").asText()).isEqualTo("holder"));
            assertThat(f.sourceVersion().get("holder").asText()).isEqualTo("Holder " + Integer.parseInt(f.rowKey().substring(4)));
        });
        assertThat(findings).allSatisfy(f -> {
            assertThat(f.keyRange()).as("narrowed to a hash bucket").startsWith("md5 bucket [");
            long from = Long.parseLong(f.keyRange().substring("md5 bucket [".length(), f.keyRange().indexOf(',')));
            long to = Long.parseLong(f.keyRange().substring(f.keyRange().indexOf(',') + 2, f.keyRange().length() - 1));
            assertThat(to - from).as("bucket %s much narrower than the hash space", f.keyRange()).isLessThan((1L << 32) / 256);
            assertThat(postgresPosition(f.rowKey())).as("key %s in its bucket", f.rowKey()).isBetween(from, to - 1);
        });
        assertThat(findings).filteredOn(f -> f.scope().equals("de-policies"))
                .allSatisfy(f -> assertThat(f.conflictRule()).isEqualTo("manual-review"));
    }

    /** config/validate on the real worker reads the source's catalogue, as Debezium does, and reports on the key to change. */
    @Test
    void validateChecksTheSourceTableAndColumnsAndThePlanBinding() {
        assertThat(errors(config())).isEmpty();

        Map<String, String> unmapped = config();
        unmapped.put("state.source.columns", "policyRef:pol_ref,premium:prem_amt,countryCode:ctry_cd");
        assertThat(errors(unmapped)).containsOnlyKeys("state.source.columns");
        assertThat(errors(unmapped).get("state.source.columns")).singleElement().asString()
                .contains("Column 'holder' (of field 'holder') does not exist in public.pol_master");

        Map<String, String> missingTable = config();
        missingTable.put("state.source.table", "public.pol_mastr");
        assertThat(errors(missingTable)).containsOnlyKeys("state.source.table");

        Map<String, String> wrongPlanField = config();
        wrongPlanField.put("plan.fields", "policy.county=countryCode");
        assertThat(errors(wrongPlanField)).containsOnlyKeys("plan.fields");
        assertThat(errors(wrongPlanField).get("plan.fields")).singleElement().asString()
                .contains("'county' is not a field of plan entity 'policy' (country)");
    }

    private static Map<String, List<String>> errors(Map<String, String> config) {
        Map<String, String> withName = new java.util.LinkedHashMap<>(config);
        withName.put("name", fixture.connector + "-validate");
        com.fasterxml.jackson.databind.JsonNode result = STACK.connect().validate(ReconcileFixture.CONNECTOR_CLASS, withName);
        Map<String, List<String>> errors = new java.util.LinkedHashMap<>();
        for (com.fasterxml.jackson.databind.JsonNode entry : result.get("configs")) {
            com.fasterxml.jackson.databind.JsonNode value = entry.get("value");
            if (value.get("errors").size() > 0) {
                List<String> messages = new java.util.ArrayList<>();
                value.get("errors").forEach(m -> messages.add(m.asText()));
                errors.put(value.get("name").asText(), messages);
            }
        }
        return errors;
    }

    /** The key's position as the check computes it, asked of PostgreSQL itself. */
    private static long postgresPosition(String key) {
        try (var connection = STACK.postgres().connect(LEGACY);
             var statement = connection.prepareStatement("SELECT ('x' || substr(md5(?::text), 1, 8))::bit(32)::bigint")) {
            statement.setString(1, key);
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
