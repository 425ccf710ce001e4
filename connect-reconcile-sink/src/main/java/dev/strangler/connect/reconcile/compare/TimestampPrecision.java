package dev.strangler.connect.reconcile.compare;

import java.time.temporal.ChronoUnit;

/**
 * The precision two timestamps are truncated to before they are compared: legacy {@code DATE} columns keep seconds,
 * Debezium emits milliseconds or microseconds, PostgreSQL stores microseconds.
 */
public enum TimestampPrecision {
    SECONDS(ChronoUnit.SECONDS),
    MILLIS(ChronoUnit.MILLIS),
    MICROS(ChronoUnit.MICROS);

    private final ChronoUnit unit;

    TimestampPrecision(ChronoUnit unit) {
        this.unit = unit;
    }

    public ChronoUnit unit() {
        return unit;
    }
}
