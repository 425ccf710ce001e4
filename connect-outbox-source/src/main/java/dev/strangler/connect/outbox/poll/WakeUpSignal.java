package dev.strangler.connect.outbox.poll;

import java.sql.SQLException;

/**
 * How an idle poller waits for new events: either just the poll interval, or a PostgreSQL NOTIFY from the
 * writers' trigger that ends the wait early. Waits are always bounded, so {@code poll()} never blocks for longer
 * than the poll interval and a stopping task is never stuck.
 */
public interface WakeUpSignal {

    /** Waits at most {@code timeoutMillis}; returns early when woken. */
    void await(long timeoutMillis) throws SQLException, InterruptedException;

    /** Ends a current wait early (used by {@code stop()}); later waits are not affected. */
    void wakeUp();
}
