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
 * The state-level check finds drift nobody streamed: between a legacy table and the service's table of 20 000 rows,
 * three corrupted target rows, one deleted and one extra are located by key-range checksums and bisection, and
 * reported row by row with the small key range they were narrowed to.
 */
class StateCheckLocalisesCorruptedKeyRangeIT {

    private static final LocalStack STACK = LocalStack.shared();
    private static final String LEGACY = "rec_state_legacy";
    private static ReconcileFixture fixture;

    @BeforeAll
    static void setUp() {
        fixture = new ReconcileFixture(STACK, "rec_state");
        fixture.createTargetStore();
        PostgresServer postgres = STACK.postgres();
        postgres.createDatabase(LEGACY);
        postgres.execute(LEGACY,
                "CREATE TABLE IF NOT EXISTS policy (policyId bigint PRIMARY KEY, holder varchar(80), premium numeric(12,2))",
                "INSERT INTO policy SELECT g, 'Holder ' || g, g * 1.25 FROM generate_series(1, 20000) g ON CONFLICT DO NOTHING");
        postgres.execute(fixture.database,
                "INSERT INTO svc.policy (policy_id, holder_name, premium) SELECT g, 'Holder ' || g, g * 1.25 "
                        + "FROM generate_series(1, 20000) g ON CONFLICT DO NOTHING",
                "UPDATE svc.policy SET holder_name = 'Corrupted' WHERE policy_id IN (12001, 12002, 12003)",
                "DELETE FROM svc.policy WHERE policy_id = 500",
                "INSERT INTO svc.policy (policy_id, holder_name, premium) VALUES (20001, 'Only in target', 1.00)");
    }

    @AfterAll
    static void tearDown() {
        fixture.stop();
    }

    @Test
    void aStateCheckLocalisesTheCorruptedKeyRange() {
        PostgresServer postgres = STACK.postgres();
        Map<String, String> config = fixture.connectorConfig(Duration.ofSeconds(2));
        config.put("mapping.key", "policyid:policy_id");
        config.put("mapping.fields", "holder:holder_name,premium");
        config.put("source.connection.url", postgres.jdbcUrl(LEGACY));
        config.put("source.connection.user", postgres.user());
        config.put("source.connection.password", postgres.password());
        config.put("state.source.table", "public.policy");
        config.put("state.check.interval.ms", "3000");
        config.put("state.sum.fields", "premium");
        config.put("state.bisection.factor", "8");
        config.put("state.bisection.threshold", "32");
        fixture.start(config);

        Await.until("five state findings", Duration.ofMinutes(2),
                () -> fixture.findings().stream().filter(f -> f.checkLevel().equals("state")).count() >= 5);
        List<ReconcileFixture.FindingRow> findings = fixture.findings().stream()
                .filter(f -> f.checkLevel().equals("state")).limit(5).toList();

        assertThat(findings).extracting(f -> f.rowKey() + ":" + f.kind()).containsExactlyInAnyOrder(
                "500:missing-in-target", "12001:mismatch", "12002:mismatch", "12003:mismatch", "20001:missing-in-source");
        assertThat(findings).filteredOn(f -> f.kind().equals("mismatch")).allSatisfy(f -> {
            assertThat(f.differences()).singleElement().satisfies(d -> assertThat(d.get("field").asText()).isEqualTo("holder"));
            long from = Long.parseLong(f.keyRange().substring(1, f.keyRange().indexOf(',')));
            long to = Long.parseLong(f.keyRange().substring(f.keyRange().indexOf(',') + 2, f.keyRange().length() - 1));
            assertThat(to - from).as("range %s narrowed to at most the bisection threshold's width", f.keyRange()).isLessThanOrEqualTo(64);
            assertThat(Long.parseLong(f.rowKey())).isBetween(from, to - 1);
        });
    }
}
