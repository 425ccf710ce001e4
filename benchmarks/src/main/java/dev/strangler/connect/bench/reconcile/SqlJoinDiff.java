package dev.strangler.connect.bench.reconcile;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.strangler.connect.reconcile.compare.Outcome;

/**
 * The physical reference: one FULL OUTER JOIN of the two tables on the key in the same database, rows compared by
 * the MD5 of their columns as text (NULL written {@code \N}, as the state check hashes them). Nothing travels to
 * the client but the differing keys: no tool that compares rows can be faster on the same database.
 */
final class SqlJoinDiff {

    static final String SQL = "SELECT coalesce(s.policy_id, t.policy_id), s.policy_id IS NULL, t.policy_id IS NULL "
            + "FROM legacy.policy s FULL OUTER JOIN svc.policy t ON t.policy_id = s.policy_id "
            + "WHERE s.policy_id IS NULL OR t.policy_id IS NULL OR "
            + "md5(concat_ws('|', coalesce(s.holder, '\\N'), coalesce(s.premium::text, '\\N'), coalesce(s.rate::text, '\\N'), "
            + "coalesce(s.status, '\\N'), coalesce(s.updated_at::text, '\\N'))) <> "
            + "md5(concat_ws('|', coalesce(t.holder_name, '\\N'), coalesce(t.premium::text, '\\N'), coalesce(t.rate::text, '\\N'), "
            + "coalesce(t.status, '\\N'), coalesce(t.updated_at::text, '\\N')))";

    private SqlJoinDiff() {
    }

    /** The plan PostgreSQL chose, on one line, for the record (a parallel plan would use both cores). */
    static String plan(Connection connection) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("EXPLAIN (COSTS OFF) " + SQL)) {
            while (rs.next()) {
                String line = rs.getString(1).strip();
                if (!line.startsWith("Filter") && !line.startsWith("Join Filter")) {
                    lines.add(line.replace("->  ", ""));
                }
            }
        }
        return String.join(" / ", lines);
    }

    static Map<Long, Outcome> run(Connection connection) throws SQLException {
        Map<Long, Outcome> differences = new TreeMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(SQL)) {
            while (rs.next()) {
                Outcome kind = rs.getBoolean(2) ? Outcome.MISSING_IN_SOURCE : rs.getBoolean(3) ? Outcome.MISSING_IN_TARGET : Outcome.MISMATCH;
                differences.put(rs.getLong(1), kind);
            }
        }
        return differences;
    }
}
