package dev.strangler.connect.journey.legacy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Objects;

import dev.strangler.connect.journey.schema.Database;

/**
 * A simulator of the policy administration monolith, which keeps writing its own tables during the whole
 * migration: agents and the web portal enter endorsements, the back office corrects them, billing posts technical
 * adjustments, and a nightly batch "corrects" addresses. It writes exactly as the old application does — padded
 * codes, 'Y'/'N' flags, version numbers and denormalised columns filled by triggers, and never the origin marker.
 *
 * <p>Once the plan gives the Endorsement service write authority over address changes, every address write here is
 * an authority violation, which the ACL's guard reports instead of propagating. The nightly batch is the classic
 * example: nobody remembered to switch it off.
 */
public final class LegacyApplication {

    private final Database database;

    public LegacyApplication(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /** An address as the legacy screens take it (no validation; postal codes as typed). */
    public record LegacyAddress(String street, String zip, String city) {
    }

    /**
     * An agent or the portal enters an address change: a new policy version with transaction code ADDR_CHG and the
     * policy's current address updated, in one transaction (as the monolith's screen does).
     *
     * @param sourceId  the id in the entering channel, or null (old channels sent none)
     * @param reasonCode a 4-character reason code, or null where the region writes free text only
     * @return the new version's pv_id
     */
    public long enterAddressChange(String policyNumber, LocalDate effective, LegacyAddress address, String sourceId,
                                   String reasonCode, String reasonText, String user) {
        return inTransaction(connection -> {
            long pvId = insertVersion(connection, policyNumber, "ADDR_CHG", effective, "Y", "N", reasonCode, reasonText,
                    null, sourceId, address, null, "0", user);
            updatePolicyAddress(connection, policyNumber, address, user);
            return pvId;
        });
    }

    /** A vehicle change entered in legacy (legacy's slice until the plan moves it). */
    public long enterVehicleChange(String policyNumber, LocalDate effective, String vin, String sourceId, String user) {
        return inTransaction(connection -> insertVersion(connection, policyNumber, "VEH_CHG", effective, "Y", "N", null,
                "Fahrzeugwechsel", null, sourceId, null, vin, "12.50", user));
    }

    /** A change of another kind (e.g. NAME_CHG), which stays with legacy for the whole journey. */
    public long enterOtherChange(String policyNumber, String transactionCode, LocalDate effective, String reasonText, String user) {
        return inTransaction(connection -> insertVersion(connection, policyNumber, transactionCode, effective, "Y", "N", null,
                reasonText, null, null, null, null, "0", user));
    }

    /** Billing posts a technical adjustment: no customer-visible change, bill_only_fl = 'Y'. */
    public long postBillingAdjustment(String policyNumber, LocalDate effective, String amount) {
        return inTransaction(connection -> insertVersion(connection, policyNumber, "BILL_ADJ", effective, "Y", "Y", "RND",
                null, null, null, null, null, amount, "BILLING"));
    }

    /** The back office corrects an address version: an ADDR_COR version referring to the one it corrects. */
    public long correctAddress(long correctedPvId, LegacyAddress address) {
        return inTransaction(connection -> {
            String policyNumber;
            LocalDate effective;
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT pol_no, eff_dt FROM polad.policy_version WHERE pv_id = ?")) {
                select.setLong(1, correctedPvId);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        throw new IllegalArgumentException("No policy version " + correctedPvId);
                    }
                    policyNumber = row.getString(1);
                    effective = row.getObject(2, LocalDate.class);
                }
            }
            long pvId = insertVersion(connection, policyNumber, "ADDR_COR", effective, "Y", "N", "CORR", null, correctedPvId,
                    "BO-" + correctedPvId, address, null, "0", "BACKOFF");
            updatePolicyAddress(connection, policyNumber, address, "BACKOFF");
            return pvId;
        });
    }

    /**
     * The nightly batch that "corrects" addresses: it spells out the abbreviation "Str." in address versions and
     * current addresses of the given country, whoever wrote them — including rows the legacy sink projected from
     * the service. After the address cutover each row it touches in a migrated scope is an authority violation.
     *
     * @return the number of policy versions it changed
     */
    public int runNightlyAddressBatch(String country) {
        return inTransaction(connection -> {
            int versions;
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE polad.policy_version
                       SET addr_street = replace(addr_street, 'Str.', 'Straße')
                     WHERE txn_cd LIKE 'ADDR%' AND ctry_cd = ? AND addr_street LIKE '%Str.%'""")) {
                update.setString(1, country);
                versions = update.executeUpdate();
            }
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE polad.policy
                       SET addr_street = replace(addr_street, 'Str.', 'Straße'), last_upd_user = 'NIGHTLY', last_upd_ts = localtimestamp
                     WHERE ctry_cd = ? AND addr_street LIKE '%Str.%'""")) {
                update.setString(1, country);
                update.executeUpdate();
            }
            return versions;
        });
    }

    private long insertVersion(Connection connection, String policyNumber, String transactionCode, LocalDate effective,
                               String approved, String billingOnly, String reasonCode, String reasonText, Long corrects,
                               String sourceId, LegacyAddress address, String vin, String premiumDelta, String user)
            throws SQLException {
        // pol_id, version_no, prod_line_cd and ctry_cd are left to the trigger, as the old batch interface does.
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO polad.policy_version (pol_no, txn_cd, eff_dt, approved_fl, bill_only_fl, reason_cd, reason_txt,
                    corrects_pv_id, src_sys_id, addr_street, addr_zip, addr_city, vehicle_vin, premium_delta, entered_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS numeric), ?)
                RETURNING pv_id""")) {
            insert.setString(1, policyNumber);
            insert.setString(2, transactionCode);
            insert.setObject(3, effective);
            insert.setString(4, approved);
            insert.setString(5, billingOnly);
            insert.setString(6, reasonCode);
            insert.setString(7, reasonText);
            insert.setObject(8, corrects);
            insert.setString(9, sourceId);
            insert.setString(10, address == null ? null : address.street());
            insert.setString(11, address == null ? null : address.zip());
            insert.setString(12, address == null ? null : address.city());
            insert.setString(13, vin);
            insert.setString(14, premiumDelta);
            insert.setString(15, user);
            try (ResultSet key = insert.executeQuery()) {
                key.next();
                return key.getLong(1);
            }
        }
    }

    private static void updatePolicyAddress(Connection connection, String policyNumber, LegacyAddress address, String user)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE polad.policy SET addr_street = ?, addr_zip = ?, addr_city = ?, last_upd_user = ?, last_upd_ts = localtimestamp
                 WHERE pol_no = ?""")) {
            update.setString(1, address.street());
            update.setString(2, address.zip());
            update.setString(3, address.city());
            update.setString(4, user);
            update.setString(5, policyNumber);
            update.executeUpdate();
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection connection = database.open()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Legacy write failed: " + e.getMessage(), e);
        }
    }
}
