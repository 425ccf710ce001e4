package dev.strangler.connect.outbox.poll;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.postgresql.util.PGobject;

import dev.strangler.connect.outbox.model.OutboxBatch;
import dev.strangler.connect.outbox.model.OutboxPayload;
import dev.strangler.connect.outbox.model.OutboxPosition;
import dev.strangler.connect.outbox.model.OutboxRow;
import dev.strangler.connect.core.sql.SqlIdentifier;
import dev.strangler.connect.outbox.jdbc.PositionParameters;
import dev.strangler.connect.outbox.jdbc.PostgresSession;
import dev.strangler.connect.core.sql.TableName;
import dev.strangler.connect.outbox.sql.OutboxQueries;
import dev.strangler.connect.outbox.sql.OutboxTableLayout;

/** Reads outbox rows from PostgreSQL with the queries of {@link OutboxQueries}, one statement per batch. */
public final class JdbcOutboxReader implements OutboxReader {

    private final PostgresSession session;
    private final Map<TableName, OutboxQueries> queries;

    public JdbcOutboxReader(PostgresSession session, Map<TableName, OutboxQueries> queries) {
        this.session = session;
        this.queries = Map.copyOf(queries);
    }

    @Override
    public OutboxBatch read(TableName table, Optional<OutboxPosition> after, int limit) throws SQLException {
        OutboxQueries tableQueries = queriesFor(table);
        Connection connection = session.connection();
        try (PreparedStatement statement = connection.prepareStatement(tableQueries.selectBatch(after.isPresent()))) {
            int parameter = bindPosition(statement, 1, after);
            // One row more than returned: it tells whether the last returned row's transaction continues.
            statement.setInt(parameter, limit + 1);
            statement.setFetchSize(limit + 1);
            List<OutboxRow> rows = new ArrayList<>(Math.min(limit + 1, 4096));
            try (ResultSet resultSet = statement.executeQuery()) {
                while (resultSet.next()) {
                    rows.add(toRow(table, tableQueries.layout(), resultSet));
                }
            }
            if (rows.size() <= limit) {
                return new OutboxBatch(rows, true);
            }
            OutboxRow lookahead = rows.remove(limit);
            long lastTransaction = rows.get(limit - 1).position().transactionId();
            return new OutboxBatch(rows, lookahead.position().transactionId() != lastTransaction);
        }
    }

    @Override
    public OptionalLong lagMillis(TableName table, Optional<OutboxPosition> after) throws SQLException {
        OutboxQueries tableQueries = queriesFor(table);
        if (tableQueries.layout().timestamp().isEmpty()) {
            return OptionalLong.empty();
        }
        try (PreparedStatement statement = session.connection().prepareStatement(tableQueries.selectLagMillis(after.isPresent()))) {
            bindPosition(statement, 1, after);
            try (ResultSet resultSet = statement.executeQuery()) {
                return OptionalLong.of(resultSet.next() ? Math.max(0, resultSet.getLong(1)) : 0);
            }
        }
    }

    private static int bindPosition(PreparedStatement statement, int first, Optional<OutboxPosition> position) throws SQLException {
        return position.isPresent() ? PositionParameters.bind(statement, first, position.get()) : first;
    }

    private OutboxQueries queriesFor(TableName table) {
        OutboxQueries tableQueries = queries.get(table);
        if (tableQueries == null) {
            throw new IllegalArgumentException("table " + table + " is not assigned to this task");
        }
        return tableQueries;
    }

    private static OutboxRow toRow(TableName table, OutboxTableLayout layout, ResultSet resultSet) throws SQLException {
        // Column positions follow OutboxTableLayout.selectedColumns().
        int column = 1;
        long xid = Long.parseLong(resultSet.getString(column++));
        String eventId = resultSet.getString(column++);
        String aggregateType = resultSet.getString(column++);
        String aggregateId = resultSet.getString(column++);
        String eventType = resultSet.getString(column++);
        Optional<OutboxPayload> payload = readPayload(resultSet.getObject(column++));
        Optional<Long> timestamp = Optional.empty();
        if (layout.timestamp().isPresent()) {
            Timestamp value = resultSet.getTimestamp(column++);
            timestamp = Optional.ofNullable(value).map(Timestamp::getTime);
        }
        Optional<String> schemaVersion = layout.schemaVersion().isPresent() ? Optional.ofNullable(resultSet.getString(column++)) : Optional.empty();
        Optional<String> tracing = layout.tracing().isPresent() ? Optional.ofNullable(resultSet.getString(column++)) : Optional.empty();
        Map<String, String> additional = new LinkedHashMap<>();
        for (SqlIdentifier extra : layout.additional()) {
            additional.put(extra.name(), resultSet.getString(column++));
        }
        return new OutboxRow(table, new OutboxPosition(xid, eventId), aggregateType, aggregateId, eventType, payload,
                timestamp, schemaVersion, tracing, additional);
    }

    private static Optional<OutboxPayload> readPayload(Object value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof byte[] bytes) {
            return Optional.of(OutboxPayload.bytes(bytes));
        }
        if (value instanceof PGobject json) {
            return Optional.ofNullable(json.getValue()).map(OutboxPayload::text);
        }
        return Optional.of(OutboxPayload.text(value.toString()));
    }
}
