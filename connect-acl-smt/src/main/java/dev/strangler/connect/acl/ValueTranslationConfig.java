package dev.strangler.connect.acl;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.strangler.connect.acl.quarantine.QuarantineConfig;
import dev.strangler.connect.acl.struct.FieldPath;
import dev.strangler.connect.core.config.EnumValidator;
import dev.strangler.connect.core.mapping.MappingDefinitionException;
import dev.strangler.connect.core.mapping.UnknownValuePolicy;
import dev.strangler.connect.core.mapping.ValueMapping;
import dev.strangler.connect.core.mapping.ValueTranslator;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Configuration of {@link ValueTranslation}: which fields, which table, and what to do with unknown codes. */
public final class ValueTranslationConfig extends AbstractConfig {

    public static final String GROUP = "Translation";
    public static final String FIELDS = "fields";
    public static final String MAPPING = "mapping";
    public static final String MAPPING_FILE = "mapping.file";
    public static final String TRIM = "mapping.trim";
    public static final String UNKNOWN_POLICY = "unknown.policy";
    public static final String UNKNOWN_DEFAULT = "unknown.default";

    public static final ConfigDef CONFIG_DEF = QuarantineConfig.define(new ConfigDef()
            .define(FIELDS, ConfigDef.Type.LIST, ConfigDef.NO_DEFAULT_VALUE, FieldPathListValidator.nonEmpty(),
                    ConfigDef.Importance.HIGH,
                    "Dotted paths of the fields to translate with this table, e.g. 'status' on an unwrapped row or "
                            + "'after.status,before.status' on a Debezium envelope.",
                    GROUP, 1, ConfigDef.Width.LONG, "Fields")
            .define(MAPPING, ConfigDef.Type.STRING, "", new InlineMappingValidator(), ConfigDef.Importance.HIGH,
                    "The table inline: legacy=domain entries separated by commas, e.g. 'A=ACTIVE, L=LAPSED'. A "
                            + "backslash escapes , = \\ and significant spaces. Set this or " + MAPPING_FILE + ".",
                    GROUP, 2, ConfigDef.Width.LONG, "Mapping")
            .define(MAPPING_FILE, ConfigDef.Type.STRING, "", new MappingFileValidator(), ConfigDef.Importance.HIGH,
                    "Absolute path of a mapping file on every worker (.json, .yaml, .yml or .properties), e.g. "
                            + "{\"values\": {\"A\": \"ACTIVE\"}, \"reverse\": {...}}. The same file can serve the "
                            + "legacy sink in reverse. Set this or " + MAPPING + ".",
                    GROUP, 3, ConfigDef.Width.LONG, "Mapping file")
            .define(TRIM, ConfigDef.Type.BOOLEAN, true, ConfigDef.Importance.LOW,
                    "Whether a code loses leading and trailing blanks (CHAR padding) before it is looked up.",
                    GROUP, 4, ConfigDef.Width.SHORT, "Trim codes")
            .define(UNKNOWN_POLICY, ConfigDef.Type.STRING, EnumValidator.configValue(UnknownValuePolicy.QUARANTINE),
                    EnumValidator.of(UnknownValuePolicy.class), ConfigDef.Importance.HIGH,
                    "What to do with a code the table does not list: 'fail' fails the task, 'quarantine' routes the "
                            + "record to the quarantine topic, 'pass-through' keeps the code, 'default' writes "
                            + UNKNOWN_DEFAULT + ". Unknown codes are counted in the unknown-codes metric in every case.",
                    GROUP, 5, ConfigDef.Width.SHORT, "Unknown code policy", EnumValidator.of(UnknownValuePolicy.class))
            .define(UNKNOWN_DEFAULT, ConfigDef.Type.STRING, "", ConfigDef.Importance.MEDIUM,
                    "The domain value for unknown codes when " + UNKNOWN_POLICY + " is 'default'.",
                    GROUP, 6, ConfigDef.Width.MEDIUM, "Unknown code default"));

    private final List<FieldPath> fields;
    private final ValueTranslator translator;
    private final boolean trim;

    public ValueTranslationConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals);
        this.fields = getList(FIELDS).stream().map(FieldPath::parse).toList();
        this.trim = getBoolean(TRIM);
        ValueMapping mapping = mapping();
        UnknownValuePolicy policy = EnumValidator.parse(UnknownValuePolicy.class, UNKNOWN_POLICY, getString(UNKNOWN_POLICY));
        String defaultValue = getString(UNKNOWN_DEFAULT);
        if (policy == UnknownValuePolicy.DEFAULT && defaultValue.isEmpty()) {
            throw new ConfigException(UNKNOWN_DEFAULT, defaultValue, "Set a default value: " + UNKNOWN_POLICY + " is 'default'");
        }
        this.translator = ValueTranslator.forward(mapping, policy, defaultValue.isEmpty() ? null : defaultValue);
    }

    private ValueMapping mapping() {
        String inline = getString(MAPPING).trim();
        String file = getString(MAPPING_FILE).trim();
        if (inline.isEmpty() == file.isEmpty()) {
            throw new ConfigException(MAPPING, inline, "Set exactly one of " + MAPPING + " and " + MAPPING_FILE);
        }
        try {
            return inline.isEmpty() ? ValueMapping.load(Path.of(file)) : ValueMapping.parse(inline);
        } catch (MappingDefinitionException e) {
            String key = inline.isEmpty() ? MAPPING_FILE : MAPPING;
            throw new ConfigException(key, inline.isEmpty() ? file : inline, e.getMessage());
        }
    }

    public List<FieldPath> fields() {
        return fields;
    }

    public ValueTranslator translator() {
        return translator;
    }

    public boolean trim() {
        return trim;
    }

    /** Parses the inline table during validation, so the error names the entry. */
    private static final class InlineMappingValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String text = value == null ? "" : value.toString();
            if (text.isBlank()) {
                return; // the file may be set instead; the constructor checks that exactly one is
            }
            try {
                ValueMapping.parse(text);
            } catch (MappingDefinitionException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "legacy=domain entries separated by commas";
        }
    }

    /** Loads the file during validation (on the worker that validates), so a typo in the path is reported early. */
    private static final class MappingFileValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String text = value == null ? "" : value.toString().trim();
            if (text.isEmpty()) {
                return;
            }
            if (!Path.of(text).isAbsolute()) {
                throw new ConfigException(name, value, "Use an absolute path: workers resolve relative paths differently");
            }
            try {
                ValueMapping.load(Path.of(text));
            } catch (MappingDefinitionException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "absolute path of a .json, .yaml, .yml or .properties file";
        }
    }
}
