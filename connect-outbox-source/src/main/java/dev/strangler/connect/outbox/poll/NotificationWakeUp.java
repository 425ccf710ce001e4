package dev.strangler.connect.outbox.poll;

import java.sql.SQLException;

import dev.strangler.connect.outbox.jdbc.PostgresSession;

/**
 * Ends an idle wait as soon as a writer's transaction that inserted outbox rows commits: the outbox table carries
 * a statement trigger that runs {@code pg_notify(channel, ...)}, and PostgreSQL delivers the notification only
 * after the commit. The poll interval stays the upper bound (notifications are lost while the session is
 * reconnecting, and an eligible row can also appear because an unrelated older transaction ended).
 */
public final class NotificationWakeUp implements WakeUpSignal {

    private final PostgresSession session;

    public NotificationWakeUp(PostgresSession session) {
        this.session = session;
    }

    @Override
    public void await(long timeoutMillis) throws SQLException {
        session.awaitNotification(timeoutMillis);
    }

    @Override
    public void wakeUp() {
        // A blocked socket read cannot be interrupted safely; the wait ends by itself within the poll interval.
    }
}
