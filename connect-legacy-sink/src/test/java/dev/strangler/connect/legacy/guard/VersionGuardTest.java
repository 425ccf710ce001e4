package dev.strangler.connect.legacy.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import dev.strangler.connect.legacy.guard.VersionGuard.Reduction;

class VersionGuardTest {

    @ParameterizedTest(name = "{0}: existing {1}, incoming {2} -> {3}")
    @CsvSource({
            "NEWEST_WINS, 5, 6, EXISTING_IS_SUPERSEDED",
            "NEWEST_WINS, 6, 5, INCOMING_IS_STALE",
            "NEWEST_WINS, 5, 5, INCOMING_IS_STALE",
            "LAST_WINS, 6, 5, EXISTING_IS_SUPERSEDED",
            "FIRST_WINS, 5, 6, INCOMING_IS_STALE"
    })
    void decidesWhichWriteOfARowSurvives(ReductionRule rule, long existing, long incoming, Reduction expected) {
        assertThat(VersionGuard.reduce(rule, Optional.of(GuardVersion.of(existing)), Optional.of(GuardVersion.of(incoming))))
                .isEqualTo(expected);
    }

    @Test
    void versionsOfDifferentKindsAreNotReduced() {
        assertThat(VersionGuard.reduce(ReductionRule.NEWEST_WINS, Optional.of(GuardVersion.of(5L)), Optional.of(GuardVersion.of("6"))))
                .isEqualTo(Reduction.NOT_REDUCIBLE);
    }

    @Test
    void ordersVersionsAsTheDatabaseWould() {
        assertThat(GuardVersion.of(5).compareTo(GuardVersion.of(new BigDecimal("5.0")))).isZero();
        assertThat(GuardVersion.of(10L).compareTo(GuardVersion.of(9))).isPositive();
        assertThat(GuardVersion.of(Instant.parse("2026-01-01T00:00:00Z"))
                .compareTo(GuardVersion.of(OffsetDateTime.parse("2026-01-01T01:00:00+02:00")))).isPositive();
        assertThat(GuardVersion.of(new Date(1000)).compareTo(GuardVersion.of(Instant.ofEpochMilli(999)))).isPositive();
        assertThatThrownBy(() -> GuardVersion.of(null)).hasMessage("the version is null");
        assertThatThrownBy(() -> GuardVersion.of(Double.NaN)).hasMessageContaining("not a finite number");
        assertThatThrownBy(() -> GuardVersion.of(new Object())).hasMessageContaining("cannot be compared");
    }
}
