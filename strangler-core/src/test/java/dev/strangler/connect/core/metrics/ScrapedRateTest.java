package dev.strangler.connect.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.apache.kafka.common.metrics.MetricConfig;
import org.junit.jupiter.api.Test;

class ScrapedRateTest {

    private static final MetricConfig THIRTY_SECOND_WINDOWS = new MetricConfig().timeWindow(30, TimeUnit.SECONDS);

    @Test
    void rateIsEventsPerSecondSinceThePreviousWindowStarted() {
        LongAdder count = new LongAdder();
        ScrapedRate rate = new ScrapedRate(count, 0);

        count.add(100);   // over at least one window: 100 events in the first 10 s are not read as 10/s
        assertThat(rate.measure(THIRTY_SECOND_WINDOWS, 10_000)).isCloseTo(100 / 30.0, within(1e-9));

        count.add(200);   // 300 in 40 s; the window that started at 0 is over: a new one starts at 40 s
        assertThat(rate.measure(THIRTY_SECOND_WINDOWS, 40_000)).isCloseTo(7.5, within(1e-9));

        // the previous window (from 0) still counts until the current one (from 40 s) is a window old
        count.add(60);
        assertThat(rate.measure(THIRTY_SECOND_WINDOWS, 60_000)).isCloseTo(360 / 60.0, within(1e-9));

        // at 70 s the window from 40 s becomes the previous one: 60 events in the last 30 s
        assertThat(rate.measure(THIRTY_SECOND_WINDOWS, 70_000)).isCloseTo(60 / 30.0, within(1e-9));
    }

    @Test
    void aRateFallsToZeroWhenCountingStops() {
        LongAdder count = new LongAdder();
        ScrapedRate rate = new ScrapedRate(count, 0);
        count.add(500);
        assertThat(rate.measure(THIRTY_SECOND_WINDOWS, 5_000)).isPositive();
        rate.measure(THIRTY_SECOND_WINDOWS, 40_000);
        rate.measure(THIRTY_SECOND_WINDOWS, 80_000);
        assertThat(rate.measure(THIRTY_SECOND_WINDOWS, 120_000)).isZero();
    }

    @Test
    void aReadingAtTheMomentOfCreationIsNotADivisionByZero() {
        LongAdder count = new LongAdder();
        ScrapedRate rate = new ScrapedRate(count, 1_000);
        count.add(3);
        assertThat(rate.measure(THIRTY_SECOND_WINDOWS, 1_000)).isCloseTo(3 / 30.0, within(1e-9));
    }
}
