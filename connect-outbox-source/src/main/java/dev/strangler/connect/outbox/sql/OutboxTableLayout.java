package dev.strangler.connect.outbox.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.strangler.connect.core.sql.SqlIdentifier;
import dev.strangler.connect.core.sql.TableName;

/**
 * Where the outbox keeps each part of an event: the table and the name of every column. The defaults follow
 * Debezium's outbox event router ({@code id, aggregatetype, aggregateid, type, payload}), so a service can move
 * from CDC + EventRouter to this connector without changing its table, plus the {@code xid} column that makes
 * polling safe (see {@link OutboxQueries}).
 *
 * @param additional extra columns copied to headers or envelope fields, in configuration order
 */
public record OutboxTableLayout(
        TableName table,
        SqlIdentifier transactionId,
        SqlIdentifier eventId,
        SqlIdentifier aggregateType,
        SqlIdentifier aggregateId,
        SqlIdentifier eventType,
        SqlIdentifier payload,
        Optional<SqlIdentifier> timestamp,
        Optional<SqlIdentifier> schemaVersion,
        Optional<SqlIdentifier> tracing,
        List<SqlIdentifier> additional) {

    public OutboxTableLayout {
        Objects.requireNonNull(table, "table");
        additional = List.copyOf(additional);
    }

    /** The same columns for another table: one layout is configured per connector and applied to each table. */
    public OutboxTableLayout forTable(TableName otherTable) {
        return new OutboxTableLayout(otherTable, transactionId, eventId, aggregateType, aggregateId, eventType, payload,
                timestamp, schemaVersion, tracing, additional);
    }

    /**
     * The columns a batch query selects, in the order {@link OutboxQueries#selectBatch} lists them; optional
     * columns that are not configured are absent. Readers look values up by these positions.
     */
    public List<SqlIdentifier> selectedColumns() {
        List<SqlIdentifier> columns = new ArrayList<>(List.of(transactionId, eventId, aggregateType, aggregateId, eventType, payload));
        timestamp.ifPresent(columns::add);
        schemaVersion.ifPresent(columns::add);
        tracing.ifPresent(columns::add);
        columns.addAll(additional);
        return columns;
    }
}
