package dev.strangler.connect.outbox.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class IdleBackoffTest {

    private final AtomicLong clock = new AtomicLong(1_000_000);

    @Test
    void emptyPollsDoubleTheWaitUpToThePollInterval() {
        IdleBackoff backoff = new IdleBackoff(2, 100, clock::get);

        assertThat(waits(backoff, 9)).containsExactly(2L, 4L, 8L, 16L, 32L, 64L, 100L, 100L, 100L);
    }

    @Test
    void foundEventsMakeTheNextWaitShortAgain() {
        IdleBackoff backoff = new IdleBackoff(2, 100, clock::get);
        waits(backoff, 5);
        backoff.eventsFound();
        clock.addAndGet(IdleBackoff.ACTIVE_WINDOW_MILLIS);

        assertThat(waits(backoff, 3)).containsExactly(2L, 4L, 8L);
    }

    @Test
    void withinASecondOfTheLastEventsTheWaitStaysShortThenBacksOffToTheInterval() {
        IdleBackoff backoff = new IdleBackoff(2, 100, clock::get);
        backoff.eventsFound();

        assertThat(waits(backoff, 7)).containsExactly(2L, 4L, 8L, 16L, 16L, 16L, 16L);
        clock.addAndGet(IdleBackoff.ACTIVE_WINDOW_MILLIS - 1);
        assertThat(waits(backoff, 1)).containsExactly(16L);
        clock.addAndGet(1);
        assertThat(waits(backoff, 1)).containsExactly(100L);
    }

    @Test
    void anInitialWaitEqualToTheIntervalIsAFixedInterval() {
        IdleBackoff backoff = new IdleBackoff(100, 100, clock::get);
        backoff.eventsFound();

        assertThat(waits(backoff, 3)).containsExactly(100L, 100L, 100L);
    }

    @Test
    void refusesAnInitialWaitAboveTheMaximumOrBelowOneMillisecond() {
        assertThatThrownBy(() -> new IdleBackoff(200, 100, clock::get)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IdleBackoff(0, 100, clock::get)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Long> waits(IdleBackoff backoff, int count) {
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            waits.add(backoff.nextWaitMillis());
        }
        return waits;
    }
}
