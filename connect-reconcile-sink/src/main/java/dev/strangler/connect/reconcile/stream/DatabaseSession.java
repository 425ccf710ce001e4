package dev.strangler.connect.reconcile.stream;

import java.sql.Connection;
import java.sql.SQLException;

import dev.strangler.connect.core.jdbc.JdbcConnectionConfig;

/**
 * One lazily opened JDBC connection that is replaced after a failure: the task resets it when a statement fails,
 * and the next batch (retried by the framework) opens a fresh one.
 */
public final class DatabaseSession implements AutoCloseable {

    private final JdbcConnectionConfig config;
    private final boolean autoCommit;
    private Connection connection;

    public DatabaseSession(JdbcConnectionConfig config, boolean autoCommit) {
        this.config = config;
        this.autoCommit = autoCommit;
    }

    public Connection get() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = config.open();
            connection.setAutoCommit(autoCommit);
        }
        return connection;
    }

    /** Rolls back what is open and drops the connection; never throws (the original failure matters). */
    public void reset() {
        if (connection == null) {
            return;
        }
        try {
            if (!connection.isClosed() && !connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // The connection is being discarded; the failure that led here is what the caller reports.
        }
        close();
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Closing a broken connection fails; nothing is left to release.
            }
            connection = null;
        }
    }
}
