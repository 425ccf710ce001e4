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
        throw new IllegalArgumentException("Unsupported JDBC URL of kind '" + scheme(jdbcUrl)
                + "': use jdbc:postgresql://... or jdbc:oracle:thin:@...");
    }

    /**
     * Only the URL's kind ({@code jdbc:mysql}) goes into a message: a URL may carry credentials in more places
     * than one can reliably redact ({@code password=}, {@code user/pass@host}, {@code user:pass@}).
     */
    static String scheme(String jdbcUrl) {
        if (jdbcUrl == null) {
            return "null";
        }
        String[] parts = jdbcUrl.trim().split(":", 3);
        return parts.length >= 2 ? parts[0] + ":" + parts[1] : "?";
    }
}
