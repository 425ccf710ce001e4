package dev.strangler.connect.acl;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.strangler.connect.acl.quarantine.QuarantineConfig;
import dev.strangler.connect.acl.struct.FieldPath;
import dev.strangler.connect.core.config.EnumValidator;
import dev.strangler.connect.core.identity.DomainIdentity;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Configuration of {@link AssignDomainId}. */
public final class AssignDomainIdConfig extends AbstractConfig {

    /** Where the legacy key columns are read. */
    public enum KeySource {
        /** The record key (Debezium's primary key struct): works for deletes and tombstones too. */
        KEY,
        /** The record value: for key columns that are not the table's primary key; tombstones are quarantined. */
        VALUE
    }

    /** The shape of the new record key. */
    public enum KeyFormat {
        /** A struct with one string field (see id.field): what JDBC sinks expect for primary keys from keys. */
        STRUCT,
        /** The UUID as a string. */
        STRING
    }

    public static final String GROUP = "Identity";
    public static final String KEY_FIELDS = "key.fields";
    public static final String KEY_SOURCE = "key.source";
    public static final String NAMESPACE = "namespace";
    public static final String KEY_TRIM = "key.trim";
    public static final String ID_FIELD = "id.field";
    public static final String KEY_FORMAT = "key.format";
    public static final String VALUE_FIELD = "value.field";

    public static final ConfigDef CONFIG_DEF = QuarantineConfig.define(new ConfigDef()
            .define(KEY_FIELDS, ConfigDef.Type.LIST, ConfigDef.NO_DEFAULT_VALUE, FieldPathListValidator.nonEmpty(),
                    ConfigDef.Importance.HIGH,
                    "Dotted paths of the legacy key columns the domain id derives from, in order, e.g. 'branch,policy_no'.",
                    GROUP, 1, ConfigDef.Width.LONG, "Legacy key fields")
            .define(KEY_SOURCE, ConfigDef.Type.STRING, EnumValidator.configValue(KeySource.KEY), EnumValidator.of(KeySource.class),
                    ConfigDef.Importance.MEDIUM,
                    "Where the key fields are read: 'key' (the record key; deletes and tombstones keep their id) or "
                            + "'value' (the record value; tombstones cannot be identified and are quarantined).",
                    GROUP, 2, ConfigDef.Width.SHORT, "Key source", EnumValidator.of(KeySource.class))
            .define(NAMESPACE, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new NamespaceValidator(),
                    ConfigDef.Importance.HIGH,
                    "The aggregate's UUID namespace: a UUID, or an aggregate name such as 'policy' (which stands for "
                            + "uuid5(NAMESPACE_URL, 'urn:strangler:aggregate:policy')). The id is uuid5(namespace, key "
                            + "values joined with '|'), reproducible anywhere.",
                    GROUP, 3, ConfigDef.Width.MEDIUM, "Namespace")
            .define(KEY_TRIM, ConfigDef.Type.BOOLEAN, true, ConfigDef.Importance.LOW,
                    "Whether text key values lose leading and trailing blanks (CHAR padding) before the id is derived.",
                    GROUP, 4, ConfigDef.Width.SHORT, "Trim key text")
            .define(KEY_FORMAT, ConfigDef.Type.STRING, EnumValidator.configValue(KeyFormat.STRUCT), EnumValidator.of(KeyFormat.class),
                    ConfigDef.Importance.MEDIUM,
                    "The new record key: 'struct' (one string field named by " + "id.field) or 'string' (the UUID text).",
                    GROUP, 5, ConfigDef.Width.SHORT, "Key format", EnumValidator.of(KeyFormat.class))
            .define(ID_FIELD, ConfigDef.Type.STRING, "id", new ConfigDef.NonEmptyString(), ConfigDef.Importance.LOW,
                    "The field name of the id in a struct key.",
                    GROUP, 6, ConfigDef.Width.SHORT, "Id field")
            .define(VALUE_FIELD, ConfigDef.Type.STRING, "", new OptionalFieldPathValidator(), ConfigDef.Importance.MEDIUM,
                    "If set, the id is also written into the value at this dotted path, e.g. 'policyId'.",
                    GROUP, 7, ConfigDef.Width.MEDIUM, "Value field"));

    private final List<FieldPath> keyFields;
    private final KeySource keySource;
    private final DomainIdentity identity;
    private final KeyFormat keyFormat;
    private final Optional<FieldPath> valueField;

    public AssignDomainIdConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals);
        this.keyFields = getList(KEY_FIELDS).stream().map(FieldPath::parse).toList();
        this.keySource = EnumValidator.parse(KeySource.class, KEY_SOURCE, getString(KEY_SOURCE));
        UUID namespace = DomainIdentity.namespace(getString(NAMESPACE));
        this.identity = DomainIdentity.of(namespace, getBoolean(KEY_TRIM));
        this.keyFormat = EnumValidator.parse(KeyFormat.class, KEY_FORMAT, getString(KEY_FORMAT));
        String value = getString(VALUE_FIELD).trim();
        this.valueField = value.isEmpty() ? Optional.empty() : Optional.of(FieldPath.parse(value));
    }

    public List<FieldPath> keyFields() {
        return keyFields;
    }

    public KeySource keySource() {
        return keySource;
    }

    public DomainIdentity identity() {
        return identity;
    }

    public KeyFormat keyFormat() {
        return keyFormat;
    }

    public String idField() {
        return getString(ID_FIELD);
    }

    public Optional<FieldPath> valueField() {
        return valueField;
    }

    private static final class NamespaceValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value != null && value.toString().isBlank()) {
                throw new ConfigException(name, value, "Set a UUID or an aggregate name such as 'policy'");
            }
        }

        @Override
        public String toString() {
            return "UUID or aggregate name";
        }
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
