package dev.strangler.connect.journey.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.strangler.connect.journey.schema.Database;

/**
 * A simulator of the new Endorsement service: it accepts endorsement commands and records each one as the
 * service's state (a row of {@code endorsement.endorsement}) and an event in its outbox
 * ({@code endorsement.outbox}), in ONE database transaction, so the event is published exactly when the state
 * change is committed (connect-outbox-source publishes it). The event carries the whole endorsement (event-carried
 * state), which is what the legacy sink projects and the reconcile sink compares.
 */
public final class EndorsementService {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database database;

    public EndorsementService(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /** An endorsement the service recorded. */
    public record Accepted(UUID endorsementId, UUID eventId, String eventType) {
    }

    /** Records the command as an approved endorsement and its event, atomically. */
    public Accepted accept(EndorsementCommand command) {
        UUID endorsementId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        long version = 1;
        String status = "APPROVED";
        try (Connection connection = database.open()) {
            connection.setAutoCommit(false);
            try {
                insertState(connection, endorsementId, command, status, version);
                insertEvent(connection, eventId, endorsementId, command, status, version);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The Endorsement service could not record " + command.eventType()
                    + " for policy " + command.policyNumber() + ": " + e.getMessage(), e);
        }
        return new Accepted(endorsementId, eventId, command.eventType());
    }

    private static void insertState(Connection connection, UUID id, EndorsementCommand command, String status, long version)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO endorsement.endorsement (endorsement_id, policy_number, product_line, country, endorsement_type,
                    effective_date, street, postal_code, city, vehicle_vin, reason, status, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setObject(1, id);
            insert.setString(2, command.policyNumber());
            insert.setString(3, command.productLine());
            insert.setString(4, command.country());
            insert.setString(5, command.endorsementType());
            insert.setObject(6, command.effectiveDate());
            Address address = command instanceof EndorsementCommand.ChangeAddress change ? change.address() : null;
            insert.setString(7, address == null ? null : address.street());
            insert.setString(8, address == null ? null : address.postalCode());
            insert.setString(9, address == null ? null : address.city());
            insert.setString(10, command instanceof EndorsementCommand.ChangeVehicle change ? change.vehicleVin() : null);
            insert.setString(11, command.reason());
            insert.setString(12, status);
            insert.setLong(13, version);
            insert.executeUpdate();
        }
    }

    private static void insertEvent(Connection connection, UUID eventId, UUID endorsementId, EndorsementCommand command,
                                    String status, long version) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO endorsement.outbox (id, aggregatetype, aggregateid, type, payload)
                VALUES (?, ?, ?, ?, ?)""")) {
            insert.setObject(1, eventId);
            insert.setString(2, command.aggregateType());
            insert.setString(3, endorsementId.toString());
            insert.setString(4, command.eventType());
            insert.setObject(5, payload(endorsementId, command, status, version), Types.OTHER);
            insert.executeUpdate();
        }
    }

    /** The event payload: the endorsement as the service's contract describes it (JSON; the column is jsonb). */
    static String payload(UUID endorsementId, EndorsementCommand command, String status, long version) {
        ObjectNode event = JSON.createObjectNode()
                .put("endorsementId", endorsementId.toString())
                .put("policyNumber", command.policyNumber())
                .put("productLine", command.productLine())
                .put("country", command.country())
                .put("endorsementType", command.endorsementType())
                .put("effectiveDate", command.effectiveDate().toString())
                .put("status", status)
                .put("version", version);
        if (command.reason() != null) {
            event.put("reason", command.reason());
        }
        if (command instanceof EndorsementCommand.ChangeAddress change) {
            event.putObject("address")
                    .put("street", change.address().street())
                    .put("postalCode", change.address().postalCode())
                    .put("city", change.address().city());
        } else if (command instanceof EndorsementCommand.ChangeVehicle change) {
            event.put("vehicleVin", change.vehicleVin());
        }
        return event.toString();
    }
}
