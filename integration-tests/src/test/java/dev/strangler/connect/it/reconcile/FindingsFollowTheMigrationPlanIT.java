package dev.strangler.connect.it.reconcile;

import static dev.strangler.connect.it.reconcile.ReconcileFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.strangler.connect.harness.LocalStack;
import dev.strangler.connect.harness.PostgresServer;

/**
 * The migration plan is the source of truth per scope: each finding is filed under the plan scope its record belongs
 * to (with that scope's phase and conflict rule), and a repair re-emitting legacy's rows is requested only where the
 * plan lets legacy win: for German policies the service wins, so their divergence is reported but legacy is not
 * re-snapshotted over the service's truth.
 */
class FindingsFollowTheMigrationPlanIT {

    private static final LocalStack STACK = LocalStack.shared();
    private static final String LEGACY = "rec_plan_legacy";
    private static final String PLAN = """
            {"version": 1,
             "entities": {"policy": {"fields": ["country"]}},
             "scopes": [
               {"name": "policies", "entity": "policy", "effective": [{"from": "2020-01-01T00:00:00Z", "phase": "mirror",
                 "system-of-record": "legacy", "write-authority": "legacy", "publisher": "legacy", "conflict": "legacy-wins"}]},
               {"name": "de-policies", "entity": "policy", "where": {"country": "DE"},
                "effective": [{"from": "2020-01-01T00:00:00Z", "phase": "partial-extraction", "system-of-record": "legacy",
                 "write-authority": "service", "publisher": "service", "conflict": "service-wins"}]}]}
            """;
    private static ReconcileFixture fixture;

    @BeforeAll
    static void setUp() {
        fixture = new ReconcileFixture(STACK, "rec_plan");
        fixture.createTargetStore();
        STACK.postgres().createDatabase(LEGACY);
        STACK.postgres().execute(LEGACY,
                "CREATE TABLE IF NOT EXISTS debezium_signal (id varchar(64) PRIMARY KEY, type varchar(32) NOT NULL, data text)");
    }

    @AfterAll
    static void tearDown() {
        fixture.stop();
    }

    @Test
    void findingsAreFiledUnderThePlanScopeAndRepairFollowsTheConflictRule() throws Exception {
        PostgresServer postgres = STACK.postgres();
        fixture.insertTarget(1, "Diverged", "10.00", 0.25, "ACTIVE", "2026-03-01 10:15:30");
        fixture.insertTarget(2, "Diverged", "10.00", 0.25, "ACTIVE", "2026-03-01 10:15:30");
        Map<String, String> config = fixture.connectorConfig(Duration.ofSeconds(3));
        config.put("mapping.fields", "holder:holder_name");
        config.put("migration.plan", PLAN);
        config.put("plan.entity", "policy");
        config.put("plan.records.from", "legacy");
        config.put("source.connection.url", postgres.jdbcUrl(LEGACY));
        config.put("source.connection.user", postgres.user());
        config.put("source.connection.password", postgres.password());
        config.put("repair.mode", "debezium-signal");
        config.put("repair.signal.table", "public.debezium_signal");
        config.put("repair.data.collection", "public.policy");
        fixture.start(config);

        Map<String, Object> austrian = event(1, "Legacy holder", 10, 0.25, "A", "2026-03-01T10:15:30Z");
        austrian.put("country", "AT");
        Map<String, Object> german = event(2, "Legacy holder", 10, 0.25, "A", "2026-03-01T10:15:30Z");
        german.put("country", "DE");
        fixture.publish(List.of(austrian, german));
        fixture.awaitFindingOf("1", Duration.ofMinutes(2));
        List<ReconcileFixture.FindingRow> findings = fixture.awaitFindingOf("2", Duration.ofMinutes(1));

        assertThat(findings).extracting(f -> f.rowKey() + ":" + f.scope() + ":" + f.planPhase() + ":" + f.conflictRule())
                .containsExactlyInAnyOrder("1:policies:mirror:legacy-wins", "2:de-policies:partial-extraction:service-wins");
        // The signal is inserted right after the findings' commit: wait for it rather than race it.
        List<String> filters = dev.strangler.connect.harness.Await.value("a repair signal", Duration.ofSeconds(30), () -> {
            List<String> found = signalFilters(postgres);
            return found.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(found);
        });
        assertThat(filters).containsExactly("\"policyId\" = 1");
    }

    private static List<String> signalFilters(PostgresServer postgres) {
        List<String> filters = new ArrayList<>();
        try (var connection = postgres.connect(LEGACY); var statement = connection.createStatement();
             var rs = statement.executeQuery("SELECT data FROM debezium_signal ORDER BY id")) {
            while (rs.next()) {
                filters.add(ReconcileFixture.JSON.readTree(rs.getString(1)).get("additional-conditions").get(0).get("filter").asText());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return filters;
    }
}
