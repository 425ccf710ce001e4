package dev.strangler.connect.reconcile.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MismatchRateThresholdsTest {

    private final MismatchRateThresholds thresholds = new MismatchRateThresholds(0.001, 0.01, 100);

    @ParameterizedTest(name = "{1} of {0} -> {2}")
    @CsvSource({
            "0,     0,   OK",
            "99,    50,  OK",        // too few records to judge
            "100,   0,   OK",
            "10000, 9,   OK",        // 0.0009
            "10000, 10,  WARNING",   // exactly the warning rate
            "10000, 99,  WARNING",
            "10000, 100, INCIDENT",  // exactly the incident rate
            "100,   100, INCIDENT"})
    void classifiesTheRate(long compared, long confirmed, HealthLevel level) {
        assertThat(thresholds.classify(compared, confirmed)).isEqualTo(level);
    }

    @ParameterizedTest
    @CsvSource({"0.1, 0.01", "-0.1, 0.5"})
    void rejectsInconsistentThresholds(double warning, double incident) {
        assertThatThrownBy(() -> new MismatchRateThresholds(warning, incident, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
