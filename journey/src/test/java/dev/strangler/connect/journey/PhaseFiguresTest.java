package dev.strangler.connect.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhaseFiguresTest {

    private static PhaseFigures figures(long findings, Set<Long> stateDifferences) {
        return new PhaseFigures("phase-2-partial-extraction", 3, 3, 3, 7, 7,
                findings == 0 ? Map.of() : Map.of("endorsement.reconcile_projection_finding", findings), 0,
                Set.of(10014L, 50003L), stateDifferences, 0, 0, Duration.ofMillis(300), Duration.ofMillis(200));
    }

    /** A phase is as expected only when the state check found exactly the expected keys: none missing, none extra. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "exactly the expected keys       | 0 | 10014,50003       | true",
            "the corrupted row not found     | 0 | 50003             | false",
            "a difference nobody made        | 0 | 10014,50003,50004 | false",
            "no state check run observed     | 0 |                   | false",
            "an unexpected record finding    | 1 | 10014,50003       | false",
    })
    void aPhaseIsAsExpectedOnlyWithExactlyTheExpectedFindings(String what, long findings, String keys, boolean expected) {
        Set<Long> found = keys == null ? Set.of()
                : Arrays.stream(keys.split(",")).map(Long::valueOf).collect(Collectors.toSet());
        assertThat(figures(findings, found).asExpected()).as(what).isEqualTo(expected);
    }
}
