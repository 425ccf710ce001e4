package dev.strangler.connect.reconcile.state;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.strangler.connect.core.sql.SqlDialect;
import dev.strangler.connect.core.sql.SqlIdentifier;
import dev.strangler.connect.core.sql.TableName;
import dev.strangler.connect.reconcile.lookup.JdbcValues;

/**
 * One table of a state-level check in PostgreSQL, its rows placed by an integer key or by a hash of the key's text
 * ({@link KeySpace}); checksums are computed in the database.
 */
public final class PostgresRangeReader implements RangeReader {

    private final Connection connection;
    private final List<String> keyNames;
    private final List<String> names;
    private final int sumCount;
    private final String checksumSql;
    private final String boundsSql;
    private final String rangeSql;
    private final String keysSql;
    private final KeySpace space;

    public PostgresRangeReader(Connection connection, SqlDialect dialect, TableName table, SqlIdentifier key,
                               List<SqlIdentifier> columns, List<SqlIdentifier> sumColumns) {
        this(connection, dialect, table, List.of(key), columns, sumColumns, List.of(key.name()),
                columns.stream().map(SqlIdentifier::name).toList(), KeySpace.INTEGER);
    }

    /**
     * @param keys     the key columns: one integer column, or one or more columns placed by the hash of their text
     * @param keyNames the names the key columns are returned under in each row
     * @param names    the names the columns are returned under, in column order (the record field names, when the
     *                 source table spells them differently)
     */
    public PostgresRangeReader(Connection connection, SqlDialect dialect, TableName table, List<SqlIdentifier> keys,
                               List<SqlIdentifier> columns, List<SqlIdentifier> sumColumns, List<String> keyNames, List<String> names,
                               KeySpace space) {
        if (names.size() != columns.size() || keyNames.size() != keys.size()) {
            throw new IllegalArgumentException("one name per column");
        }
        this.connection = connection;
        this.keyNames = List.copyOf(keyNames);
        this.names = List.copyOf(names);
        this.sumCount = sumColumns.size();
        this.space = space;
        this.checksumSql = ChecksumSql.checksums(dialect, table, keys, space, columns, sumColumns);
        this.boundsSql = ChecksumSql.bounds(dialect, table, keys, space);
        this.rangeSql = ChecksumSql.rowsInRange(dialect, table, keys, space, columns);
        this.keysSql = ChecksumSql.rowsByKeys(dialect, table, keys, space, columns);
    }

    @Override
    public Optional<KeyRange> bounds() throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(boundsSql); ResultSet rs = statement.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty(); // a hash-placed table without rows
            }
            long min = rs.getLong(1);
            if (rs.wasNull()) {
                return Optional.empty();
            }
            return Optional.of(new KeyRange(min, rs.getLong(2) + 1));
        }
    }

    @Override
    public List<RangeChecksum> checksums(List<KeyRange> parts) throws SQLException {
        List<RangeChecksum> checksums = new ArrayList<>(java.util.Collections.nCopies(parts.size(), RangeChecksum.empty(sumCount)));
        try (PreparedStatement statement = connection.prepareStatement(checksumSql)) {
            statement.setArray(1, connection.createArrayOf("bigint", parts.stream().map(KeyRange::from).toArray()));
            statement.setLong(2, parts.get(0).from());
            statement.setLong(3, parts.get(parts.size() - 1).to());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    List<BigDecimal> sums = new ArrayList<>(sumCount);
                    for (int i = 0; i < sumCount; i++) {
                        sums.add(rs.getBigDecimal(4 + i));
                    }
                    // width_bucket numbers the parts from 1; the WHERE clause keeps every row inside one of them.
                    checksums.set(rs.getInt(1) - 1, new RangeChecksum(rs.getLong(2), rs.getBigDecimal(3).toBigIntegerExact(), sums));
                }
            }
        }
        return checksums;
    }

    @Override
    public Map<Object, Map<String, Object>> rows(KeyRange range) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(rangeSql)) {
            statement.setLong(1, range.from());
            statement.setLong(2, range.to());
            return read(statement);
        }
    }

    @Override
    public Map<Object, Map<String, Object>> rows(Collection<?> keys) throws SQLException {
        if (keys.isEmpty()) {
            return Map.of();
        }
        try (PreparedStatement statement = connection.prepareStatement(keysSql)) {
            if (keyNames.size() == 1) {
                statement.setArray(1, connection.createArrayOf(space.keyArrayType(), keys.toArray()));
            } else {
                // A composite key is a list of the columns' texts: one array per column, zipped again in SQL.
                for (int column = 0; column < keyNames.size(); column++) {
                    int c = column;
                    statement.setArray(column + 1, connection.createArrayOf("text",
                            keys.stream().map(k -> ((List<?>) k).get(c)).toArray()));
                }
            }
            return read(statement);
        }
    }

    private Map<Object, Map<String, Object>> read(PreparedStatement statement) throws SQLException {
        Map<Object, Map<String, Object>> rows = new HashMap<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                Map<String, Object> row = new HashMap<>();
                Object key;
                if (space == KeySpace.INTEGER) {
                    key = rs.getLong(1);
                    row.put(keyNames.get(0), key);
                } else if (keyNames.size() == 1) {
                    key = rs.getString(1);
                    row.put(keyNames.get(0), key);
                } else {
                    List<String> parts = new ArrayList<>(keyNames.size());
                    for (int k = 0; k < keyNames.size(); k++) {
                        parts.add(rs.getString(k + 1));
                        row.put(keyNames.get(k), parts.get(k));
                    }
                    key = java.util.Collections.unmodifiableList(parts);
                }
                int first = keyNames.size() + 1;
                for (int i = 0; i < names.size(); i++) {
                    row.put(names.get(i), JdbcValues.read(rs, first + i));
                }
                rows.put(key, row);
            }
        }
        return rows;
    }
}
