package dev.strangler.connect.core.sql;

import java.util.Locale;

/** Chooses the dialect from the JDBC URL, so users configure a database once, by its URL. */
public final class SqlDialects {

    private SqlDialects() {
    }

    /** @throws IllegalArgumentException for a URL of a database we do not support */
    public static SqlDialect fromJdbcUrl(String jdbcUrl) {
        String url = jdbcUrl == null ? "" : jdbcUrl.trim().toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:postgresql:")) {
            return PostgresDialect.INSTANCE;
        }
        if (url.startsWith("jdbc:oracle:")) {
            return OracleDialect.INSTANCE;
        }
        throw new IllegalArgumentException("Unsupported JDBC URL '" + redact(jdbcUrl)
                + "': use jdbc:postgresql://... or jdbc:oracle:thin:@...");
    }

    /** A URL may carry a password as a parameter; never echo one into a message. */
    static String redact(String jdbcUrl) {
        if (jdbcUrl == null) {
            return "null";
        }
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1****");
    }
}
