package dev.strangler.connect.reconcile.state;

import java.math.BigDecimal;
import java.sql.Array;
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
    private final String keyName;
    private final List<String> names;
    private final int sumCount;
    private final String checksumSql;
    private final String boundsSql;
    private final String rangeSql;
    private final String keysSql;
    private final KeySpace space;

    public PostgresRangeReader(Connection connection, SqlDialect dialect, TableName table, SqlIdentifier key,
                               List<SqlIdentifier> columns, List<SqlIdentifier> sumColumns) {
        this(connection, dialect, table, key, columns, sumColumns, key.name(), columns.stream().map(SqlIdentifier::name).toList(),
                KeySpace.INTEGER);
    }

    /**
     * @param keyName the name the key is returned under in each row
     * @param names   the names the columns are returned under, in column order (the record field names, when the
     *                source table spells them differently)
     */
    public PostgresRangeReader(Connection connection, SqlDialect dialect, TableName table, SqlIdentifier key,
                               List<SqlIdentifier> columns, List<SqlIdentifier> sumColumns, String keyName, List<String> names,
                               KeySpace space) {
        if (names.size() != columns.size()) {
            throw new IllegalArgumentException("one name per column");
        }
        this.connection = connection;
        this.keyName = keyName;
        this.names = List.copyOf(names);
        this.sumCount = sumColumns.size();
        this.space = space;
        this.checksumSql = ChecksumSql.checksums(dialect, table, key, space, columns, sumColumns);
        this.boundsSql = ChecksumSql.bounds(dialect, table, key, space);
        this.rangeSql = ChecksumSql.rowsInRange(dialect, table, key, space, columns);
        this.keysSql = ChecksumSql.rowsByKeys(dialect, table, key, space, columns);
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
            Array array = connection.createArrayOf(space.keyArrayType(), keys.toArray());
            statement.setArray(1, array);
            return read(statement);
        }
    }

    private Map<Object, Map<String, Object>> read(PreparedStatement statement) throws SQLException {
        Map<Object, Map<String, Object>> rows = new HashMap<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                Map<String, Object> row = new HashMap<>();
                Object key = space == KeySpace.INTEGER ? (Object) rs.getLong(1) : rs.getString(1);
                row.put(keyName, key);
                for (int i = 0; i < names.size(); i++) {
                    row.put(names.get(i), JdbcValues.read(rs, i + 2));
                }
                rows.put(key, row);
            }
        }
        return rows;
    }
}
