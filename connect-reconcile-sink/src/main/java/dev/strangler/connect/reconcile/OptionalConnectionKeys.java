package dev.strangler.connect.reconcile;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

import dev.strangler.connect.core.jdbc.JdbcConnectionConfig;

/**
 * The connection keys of core's {@link JdbcConnectionConfig} for a database the connector needs only in some
 * set-ups (the evidence database, the source database): same names, docs and validators, but the URL may be left
 * unset. The definitions are taken from core rather than rewritten, so they cannot drift.
 */
final class OptionalConnectionKeys {

    private OptionalConnectionKeys() {
    }

    static void define(ConfigDef configDef, String prefix, String group, String what, String applicationName, String whenUnset) {
        ConfigDef required = JdbcConnectionConfig.define(new ConfigDef(), prefix, group, what, applicationName);
        for (ConfigDef.ConfigKey key : required.configKeys().values()) {
            boolean isUrl = key.name.equals(prefix + JdbcConnectionConfig.URL);
            configDef.define(new ConfigDef.ConfigKey(key.name, key.type, isUrl ? null : key.defaultValue, key.validator,
                    isUrl ? ConfigDef.Importance.MEDIUM : key.importance,
                    isUrl ? key.documentation + " " + whenUnset : key.documentation,
                    key.group, key.orderInGroup, key.width, key.displayName, key.dependents, key.recommender, false));
        }
    }

    static boolean isSet(AbstractConfig config, String prefix) {
        String url = config.getString(prefix + JdbcConnectionConfig.URL);
        return url != null && !url.isBlank();
    }
}
