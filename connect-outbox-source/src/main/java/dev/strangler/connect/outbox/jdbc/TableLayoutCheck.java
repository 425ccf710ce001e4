package dev.strangler.connect.outbox.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.strangler.connect.core.sql.SqlIdentifier;
import dev.strangler.connect.outbox.sql.OutboxQueries;
import dev.strangler.connect.outbox.sql.OutboxTableLayout;

/**
 * Checks before the first poll that an outbox table exists and has every configured column, and that the
 * transaction id column is {@code xid8}: a missing column would otherwise fail every poll, and a column of another
 * type would silently lose the never-skip guarantee.
 */
public final class TableLayoutCheck {

    private TableLayoutCheck() {
    }

    /** The problems found; empty when the table fits the layout. */
    public static List<String> problems(Connection connection, OutboxQueries queries, Optional<SqlIdentifier> markColumn) throws SQLException {
        OutboxTableLayout layout = queries.layout();
        Map<String, String> types = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(OutboxQueries.selectColumnTypes())) {
            statement.setString(1, queries.regclassName());
            try (ResultSet resultSet = statement.executeQuery()) {
                while (resultSet.next()) {
                    types.put(resultSet.getString(1), resultSet.getString(2));
                }
            }
        }
        List<String> problems = new ArrayList<>();
        if (types.isEmpty()) {
            problems.add("table " + layout.table() + " does not exist (or the user cannot see it)");
            return problems;
        }
        List<SqlIdentifier> expected = new ArrayList<>(layout.selectedColumns());
        markColumn.ifPresent(expected::add);
        for (SqlIdentifier column : expected) {
            if (!types.containsKey(column.name())) {
                problems.add("table " + layout.table() + " has no column \"" + column.name() + "\"");
            }
        }
        String transactionIdType = types.get(layout.transactionId().name());
        if (transactionIdType != null && !transactionIdType.equals("xid8")) {
            problems.add("column \"" + layout.transactionId().name() + "\" of " + layout.table() + " is " + transactionIdType
                    + ", not xid8: add it as  xid8 NOT NULL DEFAULT pg_current_xact_id()");
        }
        return problems;
    }
}
