package dev.strangler.connect.outbox.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class IdleBackoffTest {

    @Test
    void emptyPollsDoubleTheWaitUpToThePollInterval() {
        IdleBackoff backoff = new IdleBackoff(2, 100);

        assertThat(waits(backoff, 9)).containsExactly(2L, 4L, 8L, 16L, 32L, 64L, 100L, 100L, 100L);
    }

    @Test
    void foundEventsMakeTheNextWaitShortAgain() {
        IdleBackoff backoff = new IdleBackoff(2, 100);
        waits(backoff, 5);

        backoff.eventsFound();

        assertThat(waits(backoff, 3)).containsExactly(2L, 4L, 8L);
    }

    @Test
    void anInitialWaitEqualToTheIntervalIsAFixedInterval() {
        IdleBackoff backoff = new IdleBackoff(100, 100);

        assertThat(waits(backoff, 3)).containsExactly(100L, 100L, 100L);
    }

    @Test
    void refusesAnInitialWaitAboveTheMaximumOrBelowOneMillisecond() {
        assertThatThrownBy(() -> new IdleBackoff(200, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IdleBackoff(0, 100)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Long> waits(IdleBackoff backoff, int count) {
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            waits.add(backoff.nextWaitMillis());
        }
        return waits;
    }
}
