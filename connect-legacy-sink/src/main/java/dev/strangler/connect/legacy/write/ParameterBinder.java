package dev.strangler.connect.legacy.write;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import dev.strangler.connect.core.sql.PostgresDialect;
import dev.strangler.connect.core.sql.SqlDialect;

/**
 * Binds projected values to statement placeholders. Values are always parameters, never SQL text.
 *
 * <p>On PostgreSQL, text is bound with an unspecified type (as pgjdbc's {@code stringtype=unspecified} would), so
 * the server converts it to the column's type: legacy schemas keep codes, dates and numbers in whatever types they
 * chose, and a derived key built as text can land in a numeric key column. NULL is bound untyped for the same
 * reason.
 */
final class ParameterBinder {

    private final boolean postgres;

    ParameterBinder(SqlDialect dialect) {
        this.postgres = dialect instanceof PostgresDialect;
    }

    void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, postgres ? Types.NULL : Types.VARCHAR);
        } else if (value instanceof String text) {
            if (postgres) {
                statement.setObject(index, text, Types.OTHER);
            } else {
                statement.setString(index, text);
            }
        } else if (value instanceof Long number) {
            // The typed setters for the common scalars: what the drivers' setObject(Object) ends in, without its
            // chain of interface checks (SQLXML, Array, Blob...) per value, which on JDK 17 contend with the task
            // thread's type checks on the same classes (JDK-8180450).
            statement.setLong(index, number);
        } else if (value instanceof Integer number) {
            statement.setInt(index, number);
        } else if (value instanceof BigDecimal decimal) {
            statement.setBigDecimal(index, decimal);
        } else if (value instanceof Double number) {
            statement.setDouble(index, number);
        } else if (value instanceof Boolean flag) {
            statement.setBoolean(index, flag);
        } else if (value instanceof BigInteger integer) {
            statement.setBigDecimal(index, new BigDecimal(integer));
        } else if (value instanceof Instant instant) {
            // JDBC 4.2 maps OffsetDateTime, not Instant: pgjdbc refuses an Instant ("Can't infer the SQL type").
            statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        } else if (value instanceof ZonedDateTime zoned) {
            statement.setObject(index, zoned.toOffsetDateTime());
        } else if (value instanceof java.util.Date date) {
            statement.setObject(index, OffsetDateTime.ofInstant(date.toInstant(), ZoneOffset.UTC));
        } else {
            // Other numbers, byte[] and java.time values: both drivers map them (JDBC 4.2).
            statement.setObject(index, value);
        }
    }
}
