package dev.strangler.connect.outbox.poll;

/**
 * How long the task waits after a poll that found no event: a short wait first, doubled after every further empty
 * poll up to the poll interval, and short again as soon as a poll finds events.
 *
 * <p>Why not simply the poll interval: under a steady stream of short service transactions, a poll often finds
 * nothing although rows are committed, because one older transaction is still in progress (the xmin rule of
 * {@code OutboxQueries} holds every later row back until it ends, usually within a millisecond or two). Waiting a
 * whole interval then delays every held-back event by up to that interval, which is exactly the tail of the
 * latency distribution. Waiting briefly and backing off keeps that delay to a few milliseconds while an idle outbox
 * is still read only once per interval after a handful of cheap index lookups. Not thread-safe: used by the poll
 * thread only.
 */
public final class IdleBackoff {

    private final long initialMillis;
    private final long maxMillis;
    private long nextMillis;

    /**
     * @param initialMillis the first wait after events were found (at least 1)
     * @param maxMillis     the longest wait (the poll interval); at least {@code initialMillis}
     */
    public IdleBackoff(long initialMillis, long maxMillis) {
        if (initialMillis < 1 || maxMillis < initialMillis) {
            throw new IllegalArgumentException("need 1 <= initial (" + initialMillis + ") <= max (" + maxMillis + ")");
        }
        this.initialMillis = initialMillis;
        this.maxMillis = maxMillis;
        this.nextMillis = initialMillis;
    }

    /** A poll found events: the next empty poll waits the shortest time again. */
    public void eventsFound() {
        nextMillis = initialMillis;
    }

    /** A poll found nothing: the wait before the next poll; each call doubles the following one, up to the maximum. */
    public long nextWaitMillis() {
        long wait = nextMillis;
        nextMillis = Math.min(maxMillis, nextMillis * 2);
        return wait;
    }
}
