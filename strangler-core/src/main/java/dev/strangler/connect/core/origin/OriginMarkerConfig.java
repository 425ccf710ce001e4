package dev.strangler.connect.core.origin;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import dev.strangler.connect.core.sql.SqlIdentifier;

/**
 * The origin-marker keys, defined once for the two plugins that must agree on them: the legacy sink (which writes
 * the marker) and the ACL's authority guard (which drops the changes carrying it). Configure both with the same
 * values.
 */
public final class OriginMarkerConfig {

    public static final String COLUMN = "origin.marker.column";
    public static final String VALUE = "origin.marker.value";

    public static final String DEFAULT_COLUMN = "strangler_origin";
    public static final String DEFAULT_VALUE = "strangler-connect";

    private OriginMarkerConfig() {
    }

    /** Adds {@value #COLUMN} and {@value #VALUE} to {@code configDef} in {@code group}, ordered from 1. */
    public static ConfigDef define(ConfigDef configDef, String group) {
        int order = 0;
        return configDef
                .define(COLUMN, ConfigDef.Type.STRING, DEFAULT_COLUMN, new ColumnValidator(), ConfigDef.Importance.MEDIUM,
                        "Column of the legacy tables in which the legacy sink records that it wrote a row version. "
                                + "The legacy sink writes it; the ACL's authority guard drops changes carrying it, "
                                + "so a change never travels back to the service. Use the same value in both.",
                        group, ++order, ConfigDef.Width.MEDIUM, "Origin marker column")
                .define(VALUE, ConfigDef.Type.STRING, DEFAULT_VALUE, new ConfigDef.NonEmptyStringWithoutControlChars(),
                        ConfigDef.Importance.LOW,
                        "Value the legacy sink writes into the origin marker column. No legacy application may "
                                + "write this value. Use the same value in the legacy sink and the ACL.",
                        group, ++order, ConfigDef.Width.MEDIUM, "Origin marker value");
    }

    public static OriginMarker from(AbstractConfig config) {
        return OriginMarker.of(config.getString(COLUMN), config.getString(VALUE));
    }

    static final class ColumnValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null) {
                throw new ConfigException(name, null, "An origin marker column is required");
            }
            try {
                SqlIdentifier.of(value.toString());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "a SQL identifier: letters, digits, '_' or '$'";
        }
    }
}
