package dev.strangler.connect.core.metrics;

import java.util.concurrent.atomic.LongAdder;

import org.apache.kafka.common.metrics.Measurable;
import org.apache.kafka.common.metrics.MetricConfig;

/**
 * Events per second of a counter, computed when the metric is read rather than on every event: the counting side
 * stays a bare {@link LongAdder} increment. Like Kafka's {@code Rate} over its default two samples, the rate covers
 * between one and two sample windows ({@link MetricConfig#timeWindowMs()}, {@code metrics.sample.window.ms} of the
 * worker): a reading opens a new window once the current one is a window old, and the rate is measured from the start
 * of the previous window, over at least one whole window, so a young counter's first events do not read as a burst
 * (Kafka's {@code Rate} does the same). Readings come from metric reporters and JMX scrapes, a few per window, so a
 * lock is cheap.
 */
final class ScrapedRate implements Measurable {

    private final LongAdder count;
    private long previousStartMs;
    private long previousStartCount;
    private long currentStartMs;
    private long currentStartCount;

    ScrapedRate(LongAdder count, long createdMs) {
        this.count = count;
        this.previousStartMs = createdMs;
        this.currentStartMs = createdMs;
        this.previousStartCount = count.sum();
        this.currentStartCount = previousStartCount;
    }

    @Override
    public synchronized double measure(MetricConfig config, long nowMs) {
        long current = count.sum();
        if (nowMs - currentStartMs >= config.timeWindowMs()) {
            previousStartMs = currentStartMs;
            previousStartCount = currentStartCount;
            currentStartMs = nowMs;
            currentStartCount = current;
        }
        long elapsedMs = Math.max(nowMs - previousStartMs, config.timeWindowMs());
        return elapsedMs <= 0 ? 0.0 : (current - previousStartCount) * 1000.0 / elapsedMs;
    }
}
