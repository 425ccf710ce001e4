package dev.strangler.connect.core.sql;

/** Oracle: double-quoted identifiers, unquoted names fold to upper case. */
public class OracleDialect implements SqlDialect {

    public static final OracleDialect INSTANCE = new OracleDialect();

    @Override
    public String name() {
        return "oracle";
    }

    @Override
    public boolean foldsToUpperCase() {
        return true;
    }
}
