package dev.strangler.connect.it;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.strangler.connect.harness.LocalStack;

/**
 * What a test observes in a PostgreSQL database of the stack: the rows of a query as column name to value, for
 * assertions and for polling until the plugins under test have written what they should.
 */
public final class DatabaseRows {

    private DatabaseRows() {
    }

    /** Rows of a query as column name to value; null while the database cannot answer. */
    public static List<Map<String, Object>> query(LocalStack stack, String database, String sql) {
        try (Connection connection = stack.postgres().connect(database);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rows.getMetaData();
            List<Map<String, Object>> result = new ArrayList<>();
            while (rows.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), rows.getObject(i));
                }
                result.add(row);
            }
            return result;
        } catch (SQLException e) {
            // The database may be restarting under the test; the caller polls again.
            return null;
        }
    }

    /** The single number a {@code SELECT count(*)} answers; -1 while the database cannot answer. */
    public static long count(LocalStack stack, String database, String sql) {
        List<Map<String, Object>> rows = query(stack, database, sql);
        return rows == null ? -1 : ((Number) rows.get(0).values().iterator().next()).longValue();
    }
}
