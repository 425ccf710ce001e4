package dev.strangler.connect.reconcile.repair;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import dev.strangler.connect.core.sql.SqlDialect;
import dev.strangler.connect.core.sql.SqlIdentifier;
import dev.strangler.connect.core.sql.TableName;

/**
 * Requests repair of confirmed findings through Debezium's source signalling table (columns {@code id, type, data}),
 * so the source connector re-emits the current source rows and the migration's own pipeline overwrites the
 * diverged target rows. One signal per batch of findings keeps the number of incremental snapshots small.
 */
public final class SignalTable {

    private final SqlDialect dialect;
    private final TableName table;
    private final String dataCollection;
    private final List<SqlIdentifier> sourceKeyColumns;

    public SignalTable(SqlDialect dialect, TableName table, String dataCollection, List<SqlIdentifier> sourceKeyColumns) {
        this.dialect = dialect;
        this.table = table;
        this.dataCollection = dataCollection;
        this.sourceKeyColumns = List.copyOf(sourceKeyColumns);
    }

    public TableName table() {
        return table;
    }

    /** Inserts one {@code execute-snapshot} signal for the keys and commits it; returns the signal id. */
    public String requestSnapshot(Connection connection, List<List<Object>> keys) throws SQLException {
        String id = UUID.randomUUID().toString();
        String sql = "INSERT INTO " + dialect.quote(table) + " (id, type, data) VALUES (?, ?, ?)";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, id);
            statement.setString(2, "execute-snapshot");
            statement.setString(3, SnapshotSignal.data(dataCollection, dialect, sourceKeyColumns, keys));
            statement.executeUpdate();
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
        return id;
    }
}
