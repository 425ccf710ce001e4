package dev.strangler.connect.it.reconcile;

import static dev.strangler.connect.it.reconcile.ReconcileFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.strangler.connect.harness.LocalStack;

/**
 * Representation noise between the systems (a double against NUMERIC(12,2), a float rounding error, microseconds
 * against a TIMESTAMP(0) column) is silenced by the configured tolerances, while real differences of the same
 * fields are still reported, each with the rule that let it through.
 */
class TolerancesSilenceNoiseButNotDifferencesIT {

    private static ReconcileFixture fixture;

    @BeforeAll
    static void setUp() {
        fixture = new ReconcileFixture(LocalStack.shared(), "rec_tolerance");
        fixture.createTargetStore();
    }

    @AfterAll
    static void tearDown() {
        fixture.stop();
    }

    @Test
    void tolerancesSilenceNoiseButNotRealDifferences() {
        fixture.insertTarget(1, "Noise", "10.00", 0.1, "ACTIVE", "2026-03-01 10:15:30");
        fixture.insertTarget(2, "Real premium", "10.00", 0.1, "ACTIVE", "2026-03-01 10:15:30");
        fixture.insertTarget(3, "Real rate", "10.00", 0.1, "ACTIVE", "2026-03-01 10:15:30");
        fixture.insertTarget(4, "Real time", "10.00", 0.1, "ACTIVE", "2026-03-01 10:15:30");
        Map<String, String> config = fixture.connectorConfig(Duration.ofSeconds(3));
        config.put("compare.decimal.scale", "premium:2");
        config.put("compare.tolerance.relative", "rate:0.000001");
        config.put("compare.timestamp.precision", "updatedAt:seconds");
        fixture.start(config);

        fixture.publish(List.of(
                // 10.004999 rounds to 10.00; 0.1 + 2e-17 float noise; .123456 s below TIMESTAMP(0)'s precision
                event(1, "Noise", 10.004999, 0.10000000000000002, "A", "2026-03-01T10:15:30.123456Z"),
                event(2, "Real premium", 10.01, 0.1, "A", "2026-03-01T10:15:30Z"),
                event(3, "Real rate", 10, 0.1001, "A", "2026-03-01T10:15:30Z"),
                event(4, "Real time", 10, 0.1, "A", "2026-03-01T10:15:31Z")));
        fixture.awaitFindingOf("2", Duration.ofMinutes(2));
        fixture.awaitFindingOf("3", Duration.ofMinutes(1));
        List<ReconcileFixture.FindingRow> findings = fixture.awaitFindingOf("4", Duration.ofMinutes(1));

        assertThat(findings).extracting(ReconcileFixture.FindingRow::rowKey).containsExactlyInAnyOrder("2", "3", "4");
        assertThat(findings).allSatisfy(f -> assertThat(f.differences()).hasSize(1));
        assertThat(findings).extracting(f -> f.rowKey() + ":" + f.differences().get(0).get("field").asText())
                .containsExactlyInAnyOrder("2:premium", "3:rate", "4:updatedAt");
        assertThat(fixture.pending()).isEmpty();
    }
}
