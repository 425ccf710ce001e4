package dev.strangler.connect.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.strangler.connect.journey.examples.ConfigExamples;

class CompressedPlanTest {

    private static final Instant ORIGIN = Instant.parse("2026-11-25T12:00:00Z");
    private static final Instant FIRST = Instant.parse("2026-11-25T13:00:00Z");

    @Test
    void everyDistinctInstantKeepsItsOrderOnTheCompressedClock() {
        String plan = """
                scopes:
                  - name: a
                    effective:
                      - from: 2027-01-04T00:00:00Z
                      - from: 2027-03-01T00:00:00+01:00
                  - name: b
                    effective:
                      - from: 2027-01-04T00:00:00Z
                      - from: 2027-02-01T00:00:00+01:00
                """;
        CompressedPlan compressed = CompressedPlan.of(plan, ORIGIN, FIRST, Duration.ofSeconds(60));

        assertThat(compressed.cutovers()).containsExactly(ORIGIN, FIRST, FIRST.plusSeconds(60));
        assertThat(compressed.document())
                .contains("- from: 2026-11-25T12:00:00Z\n      - from: 2026-11-25T13:01:00Z")
                .contains("- from: 2026-11-25T12:00:00Z\n      - from: 2026-11-25T13:00:00Z")
                .doesNotContain("2027");
    }

    @Test
    void theExamplePlanHasTheSevenCutoversTheJourneyDrivesThrough() throws Exception {
        Path planFile = ConfigExamples.find(Path.of("")).planFile();
        CompressedPlan compressed = CompressedPlan.of(Files.readString(planFile), ORIGIN, FIRST, Duration.ofSeconds(30));
        // mirror start, addresses: partial extraction, write ownership, [vehicles: partial extraction],
        // addresses: reads retired, [vehicles: write ownership], addresses: decommissioned
        assertThat(compressed.cutovers()).hasSize(7);
        assertThat(compressed.cutovers().get(6)).isEqualTo(FIRST.plusSeconds(150));
    }

    @Test
    void aPlanWithoutInstantsOrWithABrokenOneIsRejected() {
        assertThatThrownBy(() -> CompressedPlan.of("scopes: []", ORIGIN, FIRST, Duration.ofSeconds(1)))
                .hasMessageContaining("no 'from:'");
        assertThatThrownBy(() -> CompressedPlan.of("- from: yesterday", ORIGIN, FIRST, Duration.ofSeconds(1)))
                .hasMessageContaining("yesterday");
    }
}
