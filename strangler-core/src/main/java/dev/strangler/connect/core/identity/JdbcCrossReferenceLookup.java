package dev.strangler.connect.core.identity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.strangler.connect.core.sql.SqlDialect;
import dev.strangler.connect.core.sql.SqlIdentifier;
import dev.strangler.connect.core.sql.TableName;

/**
 * Reads domain ids from a cross-reference table of the new system ({@code legacy key columns -> domain id}), one
 * parameterised {@code SELECT} per key; identifiers are validated and quoted by the dialect, key values are always
 * bound parameters. Wrap it in {@link CachingCrossReferenceLookup}: recorded ids never change, so most lookups of a
 * busy aggregate never reach the database.
 *
 * <p>One connection, opened on first use and reopened after a failure. A lost connection or a timeout is transient
 * ({@link CrossReferenceUnavailableException}); any other SQL error (a missing table, a wrong column) is not and
 * surfaces as {@link IllegalStateException}. Calls are serialised: a transform instance runs in one task thread.
 */
public final class JdbcCrossReferenceLookup implements CrossReferenceLookup {

    /** Opens connections to the database holding the cross-reference table. */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection open() throws SQLException;
    }

    private final ConnectionSource connections;
    private final TableName table;
    private final int keyColumns;
    private final String sql;
    private final int queryTimeoutSeconds;
    private Connection connection;
    private PreparedStatement statement;

    public JdbcCrossReferenceLookup(ConnectionSource connections, SqlDialect dialect, TableName table,
                                    List<SqlIdentifier> keyColumns, SqlIdentifier idColumn, Duration queryTimeout) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.table = Objects.requireNonNull(table, "table");
        if (keyColumns.isEmpty()) {
            throw new IllegalArgumentException("at least one key column is needed");
        }
        this.keyColumns = keyColumns.size();
        this.sql = selectSql(dialect, table, keyColumns, idColumn);
        this.queryTimeoutSeconds = (int) Math.max(1, queryTimeout.toSeconds());
    }

    /** {@code SELECT "id" FROM "schema"."table" WHERE "k1" = ? AND "k2" = ?} with every identifier quoted. */
    public static String selectSql(SqlDialect dialect, TableName table, List<SqlIdentifier> keyColumns, SqlIdentifier idColumn) {
        return "SELECT " + dialect.quote(idColumn) + " FROM " + dialect.quote(table) + " WHERE "
                + keyColumns.stream().map(column -> dialect.quote(column) + " = ?").collect(Collectors.joining(" AND "));
    }

    @Override
    public synchronized Optional<String> find(List<?> legacyKey) {
        if (legacyKey.size() != keyColumns) {
            throw new IllegalArgumentException("expected " + keyColumns + " key values but got " + legacyKey.size());
        }
        try {
            PreparedStatement select = statement();
            for (int i = 0; i < keyColumns; i++) {
                select.setObject(i + 1, legacyKey.get(i));
            }
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                String id = rows.getString(1);
                if (rows.next()) {
                    throw new IdentityException("the cross-reference table " + table + " records several ids for one key");
                }
                return Optional.ofNullable(id);
            }
        } catch (SQLException e) {
            closeQuietly();
            if (isTransient(e)) {
                throw new CrossReferenceUnavailableException("The cross-reference table " + table + " cannot be read now: "
                        + e.getMessage(), e);
            }
            throw new IllegalStateException("The cross-reference table " + table + " cannot be queried (SQLState "
                    + e.getSQLState() + "): " + e.getMessage(), e);
        }
    }

    private PreparedStatement statement() throws SQLException {
        if (statement == null) {
            connection = connections.open();
            connection.setReadOnly(true);
            statement = connection.prepareStatement(sql);
            statement.setQueryTimeout(queryTimeoutSeconds);
        }
        return statement;
    }

    /** Connection failures (SQLState class 08), timeouts, cancellations and server shutdowns are worth a retry. */
    static boolean isTransient(SQLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57") || state.startsWith("40") || state.equals("53300")) {
                    return true;
                }
            }
        }
        return false;
    }

    private void closeQuietly() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException ignored) {
            // the connection is being discarded because it failed; a failing close adds nothing
        } finally {
            connection = null;
            statement = null;
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }

    @Override
    public String toString() {
        return "JdbcCrossReferenceLookup[" + sql + "]";
    }
}
