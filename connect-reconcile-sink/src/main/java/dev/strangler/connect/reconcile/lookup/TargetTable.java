package dev.strangler.connect.reconcile.lookup;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.strangler.connect.core.sql.SqlDialect;
import dev.strangler.connect.core.sql.SqlIdentifier;
import dev.strangler.connect.core.sql.TableName;

/**
 * The columns a table really has, read once from the database's catalogue, so that the identity mapping is checked
 * against the table at start (a missing column fails the task with a message, not every batch with an SQL error)
 * and record field names are matched to columns however the database folds their case.
 */
public final class TargetTable {

    private final TableName name;
    private final Map<String, SqlIdentifier> columnsByFoldedName;
    private final Map<String, Integer> jdbcTypesByFoldedName;

    private TargetTable(TableName name, Map<String, SqlIdentifier> columnsByFoldedName, Map<String, Integer> jdbcTypesByFoldedName) {
        this.name = name;
        this.columnsByFoldedName = columnsByFoldedName;
        this.jdbcTypesByFoldedName = jdbcTypesByFoldedName;
    }

    public static TargetTable describe(Connection connection, SqlDialect dialect, TableName table) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        Map<String, SqlIdentifier> columns = new LinkedHashMap<>();
        Map<String, Integer> types = new LinkedHashMap<>();
        // Catalogue names are stored folded; try the name as written, then as the database folds it.
        for (String tableName : new String[] {table.table().name(), table.table().folded(dialect.foldsToUpperCase())}) {
            String schema = table.schema().map(SqlIdentifier::name).orElse(null);
            String foldedSchema = table.schema().map(s -> s.folded(dialect.foldsToUpperCase())).orElse(null);
            for (String schemaName : new String[] {schema, foldedSchema}) {
                try (ResultSet rs = metaData.getColumns(null, schemaName, tableName, null)) {
                    while (rs.next()) {
                        String column = rs.getString("COLUMN_NAME");
                        if (SqlIdentifier.isValid(column)) {
                            columns.putIfAbsent(column.toLowerCase(Locale.ROOT), SqlIdentifier.of(column));
                            types.putIfAbsent(column.toLowerCase(Locale.ROOT), rs.getInt("DATA_TYPE"));
                        }
                    }
                }
                if (!columns.isEmpty()) {
                    return new TargetTable(table, columns, types);
                }
            }
        }
        // 42P01 undefined_table, as PostgreSQL reports a missing table, so callers tell it from a lost connection.
        throw new SQLException("Table " + table + " does not exist or has no columns visible to this user", "42P01");
    }

    public TableName name() {
        return name;
    }

    /** The kind of key value the column holds, so record keys are brought to it before they are bound. */
    public KeyKind keyKind(String column) {
        Integer type = jdbcTypesByFoldedName.get(column.toLowerCase(Locale.ROOT));
        return type == null ? KeyKind.OTHER : KeyKind.ofJdbcType(type);
    }

    /** The column of that name, matched case-insensitively, as the catalogue spells it. */
    public Optional<SqlIdentifier> column(String name) {
        return Optional.ofNullable(columnsByFoldedName.get(name.toLowerCase(Locale.ROOT)));
    }
}
