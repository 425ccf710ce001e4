package dev.strangler.connect.outbox.poll;

import java.util.function.LongSupplier;

/**
 * How long the task waits after a poll that found no event: a short wait first, doubled after every further empty
 * poll up to the poll interval, and short again as soon as a poll finds events. For a second after the last poll
 * that found events, the wait stays at most {@value #ACTIVE_CAP_FACTOR} times the first wait.
 *
 * <p>Why not simply the poll interval: under a steady stream of short service transactions, a poll often finds
 * nothing although rows are committed, because one older transaction is still in progress (the xmin rule of
 * {@code OutboxQueries} holds every later row back until it ends, usually within a millisecond or two). Waiting a
 * whole interval then delays every held-back event by up to that interval, which is exactly the tail of the
 * latency distribution. Why the cap while the stream is active: when the writers or the database stall for a
 * moment (a busy machine, a checkpoint), doubling alone would reach the interval within a few empty polls and the
 * events committed right after the stall would wait for it. An idle outbox is still read only once per interval
 * after a second of cheap index lookups. Not thread-safe: used by the poll thread only.
 */
public final class IdleBackoff {

    /** How long after the last events the stream counts as active. */
    static final long ACTIVE_WINDOW_MILLIS = 1_000;
    /** While active, waits stay at most this many times the first wait. */
    static final int ACTIVE_CAP_FACTOR = 8;

    private final long initialMillis;
    private final long maxMillis;
    private final long activeCapMillis;
    private final LongSupplier clockMillis;
    private long nextMillis;
    private boolean eventsSeen;
    private long lastEventsMillis;

    /**
     * @param initialMillis the first wait after events were found (at least 1)
     * @param maxMillis     the longest wait (the poll interval); at least {@code initialMillis}
     */
    public IdleBackoff(long initialMillis, long maxMillis, LongSupplier clockMillis) {
        if (initialMillis < 1 || maxMillis < initialMillis) {
            throw new IllegalArgumentException("need 1 <= initial (" + initialMillis + ") <= max (" + maxMillis + ")");
        }
        this.initialMillis = initialMillis;
        this.maxMillis = maxMillis;
        this.activeCapMillis = Math.min(maxMillis, initialMillis * ACTIVE_CAP_FACTOR);
        this.clockMillis = clockMillis;
        this.nextMillis = initialMillis;
    }

    /** A poll found events: the next empty poll waits the shortest time again. */
    public void eventsFound() {
        nextMillis = initialMillis;
        eventsSeen = true;
        lastEventsMillis = clockMillis.getAsLong();
    }

    /** A poll found nothing: the wait before the next poll; each call doubles the following one, up to the maximum. */
    public long nextWaitMillis() {
        long wait = nextMillis;
        nextMillis = Math.min(maxMillis, nextMillis * 2);
        if (eventsSeen && clockMillis.getAsLong() - lastEventsMillis < ACTIVE_WINDOW_MILLIS) {
            return Math.min(wait, activeCapMillis);
        }
        return wait;
    }
}
