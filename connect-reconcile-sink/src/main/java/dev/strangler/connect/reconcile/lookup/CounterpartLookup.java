package dev.strangler.connect.reconcile.lookup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.strangler.connect.core.sql.SqlDialect;
import dev.strangler.connect.core.sql.SqlIdentifier;
import dev.strangler.connect.core.sql.TableName;

/**
 * Finds the counterparts of many records in the target store with as few statements as the batch allows: the keys
 * of one {@code put()} (or one re-check round) go in chunks of {@code keysPerStatement} into one {@code IN} list
 * each. Never one query per record.
 */
public final class CounterpartLookup {

    private final SqlDialect dialect;
    private final TableName table;
    private final List<SqlIdentifier> keyColumns;
    private final List<KeyKind> keyKinds;
    private final int keysPerStatement;

    public CounterpartLookup(SqlDialect dialect, TableName table, List<SqlIdentifier> keyColumns, List<KeyKind> keyKinds,
                             int keysPerStatement) {
        this.dialect = dialect;
        this.table = table;
        this.keyColumns = List.copyOf(keyColumns);
        this.keyKinds = List.copyOf(keyKinds);
        this.keysPerStatement = keysPerStatement;
    }

    /**
     * A text key of a column that is neither number nor text (uuid, date) is sent to PostgreSQL untyped, so the
     * server reads it as the column's type: typed as varchar, {@code uuid = character varying} would fail every lookup.
     */
    private void bindKey(PreparedStatement statement, int index, Object value, KeyKind kind) throws SQLException {
        if (kind == KeyKind.OTHER && value instanceof String && "postgresql".equals(dialect.name())) {
            statement.setObject(index, value, java.sql.Types.OTHER);
        } else {
            JdbcValues.bind(statement, index, value);
        }
    }

    /**
     * @param keys         key values per record, in key-column order (canonical values)
     * @param valueColumns the columns to read besides the key
     * @return the rows found, by key, each as column name -> value; keys without a row are absent
     */
    public Map<RowKey, Map<String, Object>> find(Connection connection, List<List<Object>> keys,
                                                 List<SqlIdentifier> valueColumns) throws SQLException {
        Map<RowKey, List<Object>> distinct = new LinkedHashMap<>();
        keys.forEach(k -> distinct.putIfAbsent(RowKey.of(k), k));
        List<List<Object>> unique = new ArrayList<>(distinct.values());
        Map<RowKey, Map<String, Object>> found = new HashMap<>();
        for (int from = 0; from < unique.size(); from += keysPerStatement) {
            List<List<Object>> chunk = unique.subList(from, Math.min(unique.size(), from + keysPerStatement));
            String sql = LookupSql.select(dialect, table, keyColumns, valueColumns, chunk.size());
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int index = 0;
                for (List<Object> key : chunk) {
                    for (int k = 0; k < key.size(); k++) {
                        bindKey(statement, ++index, key.get(k), keyKinds.get(k));
                    }
                }
                try (ResultSet rs = statement.executeQuery()) {
                    int columns = rs.getMetaData().getColumnCount();
                    List<String> labels = new ArrayList<>(keyColumns.stream().map(SqlIdentifier::name).toList());
                    valueColumns.stream().filter(c -> !keyColumns.contains(c)).map(SqlIdentifier::name).forEach(labels::add);
                    while (rs.next()) {
                        Map<String, Object> row = new HashMap<>();
                        for (int c = 1; c <= columns; c++) {
                            row.put(labels.get(c - 1), JdbcValues.read(rs, c));
                        }
                        List<Object> keyValues = new ArrayList<>();
                        keyColumns.forEach(k -> keyValues.add(row.get(k.name())));
                        found.put(RowKey.of(keyValues), row);
                    }
                }
            }
        }
        return found;
    }
}
