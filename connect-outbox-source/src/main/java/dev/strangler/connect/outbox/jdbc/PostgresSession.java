package dev.strangler.connect.outbox.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.strangler.connect.core.sql.PostgresDialect;
import dev.strangler.connect.core.sql.SqlIdentifier;

/**
 * The task's one database session: opened lazily, in autocommit mode (each batch query is its own statement with
 * its own snapshot, which is what makes the xmin filter correct), subscribed to the wake-up channel when one is
 * configured, and reopened after a failure (a PostgreSQL restart or failover drops it). Used from the task's
 * poll thread only.
 */
public final class PostgresSession implements AutoCloseable {

    /** Opens a new JDBC connection (in production {@code JdbcConnectionConfig::open}). */
    @FunctionalInterface
    public interface ConnectionFactory {
        Connection open() throws SQLException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(PostgresSession.class);

    private final ConnectionFactory factory;
    private final Optional<SqlIdentifier> channel;
    private Connection connection;

    public PostgresSession(ConnectionFactory factory, Optional<SqlIdentifier> channel) {
        this.factory = factory;
        this.channel = channel;
    }

    /** The open connection, opening (and subscribing) it first when needed. */
    public synchronized Connection connection() throws SQLException {
        if (connection == null) {
            Connection opened = factory.open();
            try {
                opened.setAutoCommit(true);
                if (channel.isPresent()) {
                    try (Statement statement = opened.createStatement()) {
                        statement.execute("LISTEN " + PostgresDialect.INSTANCE.quote(channel.get()));
                    }
                }
            } catch (SQLException e) {
                closeQuietly(opened);
                throw e;
            }
            connection = opened;
            LOG.info("Opened outbox session{}", channel.map(c -> ", listening on channel " + c).orElse(""));
        }
        return connection;
    }

    /** Forgets a connection that failed, so the next call reopens it. */
    public synchronized void invalidate() {
        if (connection != null) {
            closeQuietly(connection);
            connection = null;
        }
    }

    /**
     * Waits up to {@code timeoutMillis} for a notification on the channel; returns whether one arrived. Without a
     * channel this is not called.
     */
    public boolean awaitNotification(long timeoutMillis) throws SQLException {
        Connection current = connection();
        PGNotification[] notifications = current.unwrap(PGConnection.class).getNotifications((int) Math.max(1, timeoutMillis));
        return notifications != null && notifications.length > 0;
    }

    @Override
    public synchronized void close() {
        invalidate();
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // The session is being discarded because it failed or the task stops; a second failure adds nothing.
            LOG.debug("Closing the outbox session failed", e);
        }
    }
}
