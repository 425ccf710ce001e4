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
 * A state-level check of tables keyed by two columns (country and policy number, as a legacy system numbering
 * policies per country would): the rows are placed by the hash of the key columns' texts, and a corrupted and a
 * missing row among 10 000 are found and named by their whole key.
 */
class StateCheckLocalisesCorruptedCompositeKeyIT {

    private static final LocalStack STACK = LocalStack.shared();
    private static final String LEGACY = "rec_compkey_legacy";
    private static ReconcileFixture fixture;

    @BeforeAll
    static void setUp() {
        fixture = new ReconcileFixture(STACK, "rec_compkey");
        fixture.createTargetStore();
        PostgresServer postgres = STACK.postgres();
        postgres.createDatabase(LEGACY);
        String rows = " SELECT c, g, 'Holder ' || c || g FROM generate_series(1, 5000) g, unnest(ARRAY['AT', 'DE']) c";
        postgres.execute(LEGACY,
                "CREATE TABLE IF NOT EXISTS pol_by_ctry (ctry_cd char(2), pol_no bigint, holder_nm varchar(80), PRIMARY KEY (ctry_cd, pol_no))",
                "INSERT INTO pol_by_ctry" + rows + " ON CONFLICT DO NOTHING");
        postgres.execute(fixture.database,
                "CREATE TABLE IF NOT EXISTS svc.policy_by_country (country varchar(2), policy_no bigint, holder_name varchar(80), "
                        + "PRIMARY KEY (country, policy_no))",
                "INSERT INTO svc.policy_by_country" + rows + " ON CONFLICT DO NOTHING",
                "UPDATE svc.policy_by_country SET holder_name = 'Corrupted' WHERE country = 'DE' AND policy_no = 42",
                "DELETE FROM svc.policy_by_country WHERE country = 'AT' AND policy_no = 4711");
    }

    @AfterAll
    static void tearDown() {
        fixture.stop();
    }

    @Test
    void aStateCheckLocalisesRowsOfACompositeKey() {
        PostgresServer postgres = STACK.postgres();
        Map<String, String> config = fixture.connectorConfig(Duration.ofSeconds(2));
        config.put("target.table", "svc.policy_by_country");
        config.put("mapping.key", "countryCode:country,policyNo:policy_no");
        config.put("mapping.fields", "holder:holder_name");
        config.remove("compare.enum.equivalence");
        config.put("source.connection.url", postgres.jdbcUrl(LEGACY));
        config.put("source.connection.user", postgres.user());
        config.put("source.connection.password", postgres.password());
        config.put("state.source.table", "public.pol_by_ctry");
        config.put("state.source.columns", "countryCode:ctry_cd,policyNo:pol_no,holder:holder_nm");
        config.put("state.check.interval.ms", "3000");
        config.put("state.bisection.factor", "16");
        config.put("state.bisection.threshold", "32");
        fixture.start(config);

        Await.until("two state findings", Duration.ofMinutes(2),
                () -> fixture.findings().stream().filter(f -> f.checkLevel().equals("state")).count() >= 2);
        List<ReconcileFixture.FindingRow> findings = fixture.findings().stream()
                .filter(f -> f.checkLevel().equals("state")).limit(2).toList();

        assertThat(findings).extracting(f -> f.rowKey() + ":" + f.kind())
                .containsExactlyInAnyOrder("DE|42:mismatch", "AT|4711:missing-in-target");
        assertThat(findings).allSatisfy(f -> assertThat(f.keyRange()).startsWith("md5 bucket ["));
        assertThat(findings).filteredOn(f -> f.kind().equals("mismatch")).singleElement().satisfies(f -> {
            assertThat(f.differences()).singleElement().satisfies(d -> assertThat(d.get("field").asText()).isEqualTo("holder"));
            assertThat(f.sourceVersion().get("holder").asText()).isEqualTo("Holder DE42");
        });
    }
}
