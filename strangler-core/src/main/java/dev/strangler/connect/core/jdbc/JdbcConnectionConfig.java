package dev.strangler.connect.core.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import dev.strangler.connect.core.sql.SqlDialect;
import dev.strangler.connect.core.sql.SqlDialects;

/**
 * The connection settings every JDBC-backed plugin shares (outbox source, legacy sink, reconcile sink), defined
 * once so the keys, docs and validation are the same everywhere. A plugin that talks to two databases defines
 * them twice with different prefixes ({@code connection.} and {@code target.connection.}).
 *
 * <p>The password is {@link ConfigDef.Type#PASSWORD}: hidden in the REST API and logs, and resolvable through a
 * ConfigProvider ({@code ${file:/secrets/legacy.properties:password}}).
 */
public final class JdbcConnectionConfig {

    public static final String URL = "connection.url";
    public static final String USER = "connection.user";
    public static final String PASSWORD = "connection.password";
    public static final String APPLICATION_NAME = "connection.application.name";

    private final String url;
    private final String user;
    private final Password password;
    private final String applicationName;

    private JdbcConnectionConfig(String url, String user, Password password, String applicationName) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.applicationName = applicationName;
    }

    /** Adds the connection keys, each prefixed with {@code prefix} (may be empty), to {@code configDef}. */
    public static ConfigDef define(ConfigDef configDef, String prefix, String group, String what, String defaultApplicationName) {
        return define(configDef, prefix, group, what, defaultApplicationName, ConfigDef.NO_DEFAULT_VALUE, ConfigDef.Importance.HIGH, "");
    }

    /**
     * As {@link #define}, for a database a plugin needs only in some set-ups: the URL may be left unset, and
     * {@code whenUnset} tells the user what happens then. Test with {@link #isSet}.
     */
    public static ConfigDef defineOptional(ConfigDef configDef, String prefix, String group, String what, String defaultApplicationName,
                                           String whenUnset) {
        return define(configDef, prefix, group, what, defaultApplicationName, null, ConfigDef.Importance.MEDIUM, " " + whenUnset);
    }

    /** Whether the (optional) connection under {@code prefix} was configured. */
    public static boolean isSet(AbstractConfig config, String prefix) {
        String url = config.getString(prefix + URL);
        return url != null && !url.isBlank();
    }

    private static ConfigDef define(ConfigDef configDef, String prefix, String group, String what, String defaultApplicationName,
                                    Object urlDefault, ConfigDef.Importance urlImportance, String urlNote) {
        int order = 0;
        return configDef
                .define(prefix + URL, ConfigDef.Type.STRING, urlDefault, new JdbcUrlValidator(),
                        urlImportance,
                        "JDBC URL of " + what + ", e.g. jdbc:postgresql://db:5432/legacy or jdbc:oracle:thin:@//db:1521/LEGACY. "
                                + "The SQL dialect is chosen from it." + urlNote,
                        group, ++order, ConfigDef.Width.LONG, "JDBC URL")
                .define(prefix + USER, ConfigDef.Type.STRING, null, ConfigDef.Importance.HIGH,
                        "Database user for " + what + ".", group, ++order, ConfigDef.Width.MEDIUM, "User")
                .define(prefix + PASSWORD, ConfigDef.Type.PASSWORD, null, ConfigDef.Importance.HIGH,
                        "Password for " + what + ". Use a ConfigProvider reference rather than the literal secret.",
                        group, ++order, ConfigDef.Width.MEDIUM, "Password")
                .define(prefix + APPLICATION_NAME, ConfigDef.Type.STRING, defaultApplicationName, ConfigDef.Importance.LOW,
                        "PostgreSQL application_name of the plugin's sessions, so DBAs see who runs a query in "
                                + "pg_stat_activity (ignored by other databases).",
                        group, ++order, ConfigDef.Width.MEDIUM, "Application name");
    }

    public static JdbcConnectionConfig from(AbstractConfig config, String prefix) {
        return new JdbcConnectionConfig(
                config.getString(prefix + URL),
                config.getString(prefix + USER),
                config.getPassword(prefix + PASSWORD),
                config.getString(prefix + APPLICATION_NAME));
    }

    public String url() {
        return url;
    }

    public SqlDialect dialect() {
        return SqlDialects.fromJdbcUrl(url);
    }

    /** Opens a new connection; callers own it and close it. */
    public Connection open() throws SQLException {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null && password.value() != null) {
            properties.setProperty("password", password.value());
        }
        if (applicationName != null && url.startsWith("jdbc:postgresql:")) {
            properties.setProperty("ApplicationName", applicationName);
        }
        return DriverManager.getConnection(url, properties);
    }

    @Override
    public String toString() {
        // Password deliberately absent.
        return "JdbcConnectionConfig[url=" + url + ", user=" + user + "]";
    }

    /** Rejects URLs of databases we have no dialect for, at validation time. */
    static final class JdbcUrlValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null) {
                return;
            }
            try {
                SqlDialects.fromJdbcUrl(value.toString());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, "(redacted)", e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "jdbc:postgresql:... or jdbc:oracle:...";
        }
    }
}
