package dev.strangler.connect.reconcile.lookup;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Reads and binds values so that time zones cannot shift them: a zone-less {@code timestamp} is read as its wall
 * clock ({@link LocalDateTime}, compared as UTC), a {@code timestamptz} as an instant; never through
 * {@link java.sql.Timestamp}, whose meaning depends on the JVM's default zone.
 */
public final class JdbcValues {

    private JdbcValues() {
    }

    public static Object read(ResultSet rs, int column) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int type = meta.getColumnType(column);
        String typeName = String.valueOf(meta.getColumnTypeName(column)).toLowerCase(Locale.ROOT);
        if (type == Types.TIMESTAMP_WITH_TIMEZONE || typeName.equals("timestamptz") || typeName.contains("time zone")) {
            OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
            return value == null ? null : value.toInstant();
        }
        if (type == Types.TIMESTAMP) {
            return rs.getObject(column, LocalDateTime.class);
        }
        if (type == Types.DATE && !typeName.equals("date")) {
            // Oracle DATE carries a time of day.
            return rs.getObject(column, LocalDateTime.class);
        }
        if (type == Types.DATE) {
            return rs.getObject(column, LocalDate.class);
        }
        return rs.getObject(column);
    }

    /** Binds a canonical value with the JDBC type that lets the database use its index on the column. */
    public static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value instanceof BigDecimal d && isWhole(d)) {
            statement.setLong(index, d.longValueExact());
        } else if (value instanceof Instant i) {
            statement.setObject(index, OffsetDateTime.ofInstant(i, ZoneOffset.UTC));
        } else {
            statement.setObject(index, value);
        }
    }

    private static boolean isWhole(BigDecimal d) {
        try {
            d.longValueExact();
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }
}
