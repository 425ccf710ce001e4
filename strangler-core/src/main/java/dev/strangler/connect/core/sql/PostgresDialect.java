package dev.strangler.connect.core.sql;

/** PostgreSQL: double-quoted identifiers, unquoted names fold to lower case. */
public class PostgresDialect implements SqlDialect {

    public static final PostgresDialect INSTANCE = new PostgresDialect();

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public boolean foldsToUpperCase() {
        return false;
    }
}
