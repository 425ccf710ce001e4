package dev.strangler.connect.bench.reconcile;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

import dev.strangler.connect.reconcile.compare.Outcome;

/**
 * The two tables compared: a legacy {@code legacy.policy} and the service's {@code svc.policy} (other column name
 * for the holder, same types), filled with the same {@code rows} rows, after which a few differences of each kind
 * are injected at keys spread over the key span. Every alternative must find exactly these.
 */
final class PolicyTables {

    static final String SOURCE_TABLE = "legacy.policy";
    static final String TARGET_TABLE = "svc.policy";

    private PolicyTables() {
    }

    /** Creates and fills both tables and returns the injected differences by key. */
    static Map<Long, Outcome> create(Connection connection, long rows) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS legacy CASCADE");
            statement.execute("DROP SCHEMA IF EXISTS svc CASCADE");
            statement.execute("CREATE SCHEMA legacy");
            statement.execute("CREATE SCHEMA svc");
            statement.execute("CREATE TABLE legacy.policy (policy_id bigint PRIMARY KEY, holder varchar(80), "
                    + "premium numeric(12,2), rate double precision, status varchar(16), updated_at timestamp(3))");
            statement.execute("CREATE TABLE svc.policy (policy_id bigint PRIMARY KEY, holder_name varchar(80), "
                    + "premium numeric(12,2), rate double precision, status varchar(16), updated_at timestamp(3))");
            statement.execute("INSERT INTO legacy.policy SELECT i, 'Holder ' || i, (i % 100000) / 100.0, i * 0.0001, "
                    + "(ARRAY['ACTIVE', 'LAPSED', 'CANCELLED'])[i % 3 + 1], "
                    + "timestamp '2026-01-01 00:00:00' + i * interval '1.001 second' "
                    + "FROM generate_series(1, " + rows + ") AS i");
            statement.execute("INSERT INTO svc.policy SELECT * FROM legacy.policy");
        }
        Map<Long, Outcome> injected = new TreeMap<>();
        try (Statement statement = connection.createStatement()) {
            long step = rows / 11;
            // a corrected holder name, a premium changed in the service, a status not migrated
            for (int i = 1; i <= 3; i++) {
                statement.execute("UPDATE svc.policy SET holder_name = holder_name || ' (corrected)' WHERE policy_id = " + (i * step));
                injected.put(i * step, Outcome.MISMATCH);
            }
            statement.execute("UPDATE svc.policy SET premium = premium + 1 WHERE policy_id = " + (4 * step));
            injected.put(4 * step, Outcome.MISMATCH);
            statement.execute("UPDATE svc.policy SET status = NULL WHERE policy_id = " + (5 * step));
            injected.put(5 * step, Outcome.MISMATCH);
            // rows the service never received
            for (int i = 6; i <= 8; i++) {
                statement.execute("DELETE FROM svc.policy WHERE policy_id = " + (i * step + 1));
                injected.put(i * step + 1, Outcome.MISSING_IN_TARGET);
            }
            // rows only the service has (created there, or deleted in legacy without the delete reaching it)
            statement.execute("DELETE FROM legacy.policy WHERE policy_id = " + (9 * step + 2));
            injected.put(9 * step + 2, Outcome.MISSING_IN_SOURCE);
            statement.execute("INSERT INTO svc.policy VALUES (" + (rows + 1) + ", 'New customer', 10.00, 0.5, 'ACTIVE', "
                    + "timestamp '2026-11-25 10:00:00')");
            injected.put(rows + 1, Outcome.MISSING_IN_SOURCE);
            statement.execute("VACUUM ANALYZE legacy.policy");
            statement.execute("VACUUM ANALYZE svc.policy");
        }
        return injected;
    }
}
