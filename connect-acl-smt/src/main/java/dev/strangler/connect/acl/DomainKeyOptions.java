package dev.strangler.connect.acl;

import java.util.List;
import java.util.Optional;

import dev.strangler.connect.acl.struct.FieldPath;
import dev.strangler.connect.core.config.EnumValidator;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The options {@link AssignDomainId} and {@link LookupDomainId} share: where the legacy key is read and what the new
 * record key looks like. Defined once so both transforms document and validate them the same way.
 */
final class DomainKeyOptions {

    /** Where the legacy key columns are read. */
    enum KeySource {
        /** The record key (Debezium's primary key struct): works for deletes and tombstones too. */
        KEY,
        /** The record value: for key columns that are not the table's primary key; tombstones are quarantined. */
        VALUE
    }

    /** The shape of the new record key. */
    enum KeyFormat {
        /** A struct with one string field (see id.field): what JDBC sinks expect for primary keys from keys. */
        STRUCT,
        /** The id as a string. */
        STRING
    }

    static final String GROUP = "Legacy key";
    static final String KEY_FIELDS = "key.fields";
    static final String KEY_SOURCE = "key.source";
    static final String KEY_TRIM = "key.trim";
    static final String KEY_FORMAT = "key.format";
    static final String ID_FIELD = "id.field";
    static final String VALUE_FIELD = "value.field";

    /** The parsed options. */
    record Settings(List<FieldPath> keyFields, KeySource keySource, boolean trim, KeyFormat keyFormat, String idField,
                    Optional<FieldPath> valueField) {
    }

    private DomainKeyOptions() {
    }

    static ConfigDef define(ConfigDef configDef) {
        return configDef
                .define(KEY_FIELDS, ConfigDef.Type.LIST, ConfigDef.NO_DEFAULT_VALUE, FieldPathListValidator.nonEmpty(),
                        ConfigDef.Importance.HIGH,
                        "Dotted paths of the legacy key columns the domain id derives from, in order, e.g. 'branch,policy_no'.",
                        GROUP, 1, ConfigDef.Width.LONG, "Legacy key fields")
                .define(KEY_SOURCE, ConfigDef.Type.STRING, EnumValidator.configValue(KeySource.KEY), EnumValidator.of(KeySource.class),
                        ConfigDef.Importance.MEDIUM,
                        "Where the key fields are read: 'key' (the record key; deletes and tombstones keep their id) or "
                                + "'value' (the record value; tombstones cannot be identified and are quarantined).",
                        GROUP, 2, ConfigDef.Width.SHORT, "Key source", EnumValidator.of(KeySource.class))
                .define(KEY_TRIM, ConfigDef.Type.BOOLEAN, true, ConfigDef.Importance.LOW,
                        "Whether text key values lose leading and trailing blanks (CHAR padding) before use.",
                        GROUP, 3, ConfigDef.Width.SHORT, "Trim key text")
                .define(KEY_FORMAT, ConfigDef.Type.STRING, EnumValidator.configValue(KeyFormat.STRUCT), EnumValidator.of(KeyFormat.class),
                        ConfigDef.Importance.MEDIUM,
                        "The new record key: 'struct' (one string field named by " + ID_FIELD + ") or 'string' (the id text).",
                        GROUP, 4, ConfigDef.Width.SHORT, "Key format", EnumValidator.of(KeyFormat.class))
                .define(ID_FIELD, ConfigDef.Type.STRING, "id", new ConfigDef.NonEmptyString(), ConfigDef.Importance.LOW,
                        "The field name of the id in a struct key.",
                        GROUP, 5, ConfigDef.Width.SHORT, "Id field")
                .define(VALUE_FIELD, ConfigDef.Type.STRING, "", new OptionalFieldPathValidator(), ConfigDef.Importance.MEDIUM,
                        "If set, the id is also written into the value at this dotted path, e.g. 'policyId'.",
                        GROUP, 6, ConfigDef.Width.MEDIUM, "Value field");
    }

    static Settings from(AbstractConfig config) {
        String value = config.getString(VALUE_FIELD).trim();
        return new Settings(
                config.getList(KEY_FIELDS).stream().map(FieldPath::parse).toList(),
                EnumValidator.parse(KeySource.class, KEY_SOURCE, config.getString(KEY_SOURCE)),
                config.getBoolean(KEY_TRIM),
                EnumValidator.parse(KeyFormat.class, KEY_FORMAT, config.getString(KEY_FORMAT)),
                config.getString(ID_FIELD),
                value.isEmpty() ? Optional.empty() : Optional.of(FieldPath.parse(value)));
    }

    private static final class OptionalFieldPathValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value != null && !value.toString().isBlank()) {
                new FieldPathValidator().ensureValid(name, value);
            }
        }

        @Override
        public String toString() {
            return "empty or a dotted field path";
        }
    }
}
