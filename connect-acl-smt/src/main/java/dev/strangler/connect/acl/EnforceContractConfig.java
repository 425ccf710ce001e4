package dev.strangler.connect.acl;

import java.nio.file.Path;
import java.util.Map;

import dev.strangler.connect.acl.contract.AvroContract;
import dev.strangler.connect.acl.quarantine.QuarantineConfig;
import dev.strangler.connect.core.config.EnumValidator;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Configuration of {@link EnforceContract}. */
public final class EnforceContractConfig extends AbstractConfig {

    /** What happens to value fields the contract does not name. */
    public enum ExtraFields {
        /** They are left out: the output has exactly the contract's fields. */
        DROP,
        /** The record is quarantined: the contract must name every field the chain produces. */
        QUARANTINE
    }

    public static final String GROUP = "Contract";
    public static final String CONTRACT_FILE = "contract.file";
    public static final String CONTRACT_SCHEMA = "contract.schema";
    public static final String EXTRA_FIELDS = "extra.fields";

    public static final ConfigDef CONFIG_DEF = QuarantineConfig.define(new ConfigDef()
            .define(CONTRACT_FILE, ConfigDef.Type.STRING, "", new ContractValidator(true), ConfigDef.Importance.HIGH,
                    "Absolute path of the domain event's Avro schema (.avsc) on every worker. Set this or "
                            + CONTRACT_SCHEMA + ".",
                    GROUP, 1, ConfigDef.Width.LONG, "Contract file")
            .define(CONTRACT_SCHEMA, ConfigDef.Type.STRING, "", new ContractValidator(false), ConfigDef.Importance.HIGH,
                    "The domain event's Avro schema inline (JSON). Set this or " + CONTRACT_FILE + ".",
                    GROUP, 2, ConfigDef.Width.LONG, "Contract schema")
            .define(EXTRA_FIELDS, ConfigDef.Type.STRING, EnumValidator.configValue(ExtraFields.DROP),
                    EnumValidator.of(ExtraFields.class), ConfigDef.Importance.MEDIUM,
                    "Value fields the contract does not name: 'drop' leaves them out, 'quarantine' quarantines the record.",
                    GROUP, 3, ConfigDef.Width.SHORT, "Extra fields", EnumValidator.of(ExtraFields.class)));

    private final AvroContract contract;
    private final ExtraFields extraFields;

    public EnforceContractConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals);
        String file = getString(CONTRACT_FILE).trim();
        String inline = getString(CONTRACT_SCHEMA).trim();
        if (file.isEmpty() == inline.isEmpty()) {
            throw new ConfigException(CONTRACT_FILE, file, "Set exactly one of " + CONTRACT_FILE + " and " + CONTRACT_SCHEMA);
        }
        try {
            this.contract = file.isEmpty() ? AvroContract.parse(inline) : AvroContract.load(Path.of(file));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file.isEmpty() ? CONTRACT_SCHEMA : CONTRACT_FILE, file.isEmpty() ? inline : file, e.getMessage());
        }
        this.extraFields = EnumValidator.parse(ExtraFields.class, EXTRA_FIELDS, getString(EXTRA_FIELDS));
    }

    public AvroContract contract() {
        return contract;
    }

    public ExtraFields extraFields() {
        return extraFields;
    }

    /** Loads and translates the contract during validation, so an unsupported type is reported with its field. */
    private static final class ContractValidator implements ConfigDef.Validator {
        private final boolean file;

        ContractValidator(boolean file) {
            this.file = file;
        }

        @Override
        public void ensureValid(String name, Object value) {
            String text = value == null ? "" : value.toString().trim();
            if (text.isEmpty()) {
                return;
            }
            if (file && !Path.of(text).isAbsolute()) {
                throw new ConfigException(name, value, "Use an absolute path: workers resolve relative paths differently");
            }
            try {
                if (file) {
                    AvroContract.load(Path.of(text));
                } else {
                    AvroContract.parse(text);
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return file ? "absolute path of an .avsc file" : "Avro record schema (JSON)";
        }
    }
}
