package dev.strangler.connect.acl;

import java.util.List;
import java.util.Map;

import dev.strangler.connect.acl.quarantine.QuarantineConfig;
import dev.strangler.connect.acl.restructure.FieldSplitter;
import dev.strangler.connect.acl.struct.FieldPath;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Configuration of {@link SplitField}. */
public final class SplitFieldConfig extends AbstractConfig {

    public static final String GROUP = "Split";
    public static final String FIELD = "field";
    public static final String PATTERN = "pattern";
    public static final String POSITIONS = "positions";
    public static final String INTO = "into";
    public static final String KEEP_SOURCE = "keep.source";

    public static final ConfigDef CONFIG_DEF = QuarantineConfig.define(new ConfigDef()
            .define(FIELD, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new FieldPathValidator(),
                    ConfigDef.Importance.HIGH, "Dotted path of the overloaded field to split, e.g. 'region_code'.",
                    GROUP, 1, ConfigDef.Width.MEDIUM, "Field")
            .define(PATTERN, ConfigDef.Type.STRING, "", new SplitterValidator(true), ConfigDef.Importance.HIGH,
                    "A regular expression the whole value must match, with one capturing group per part, e.g. "
                            + "'([A-Z])(\\d+)'. Set this or " + POSITIONS + ".",
                    GROUP, 2, ConfigDef.Width.LONG, "Pattern")
            .define(POSITIONS, ConfigDef.Type.STRING, "", new SplitterValidator(false), ConfigDef.Importance.HIGH,
                    "Character ranges start-end (end exclusive, may be omitted for 'to the end'), one per part, e.g. "
                            + "'0-1,1-'. Set this or " + PATTERN + ".",
                    GROUP, 3, ConfigDef.Width.MEDIUM, "Positions")
            .define(INTO, ConfigDef.Type.LIST, ConfigDef.NO_DEFAULT_VALUE, FieldPathListValidator.nonEmpty(),
                    ConfigDef.Importance.HIGH,
                    "Dotted paths of the new optional string fields, one per part in order, e.g. 'region,policy.number'.",
                    GROUP, 4, ConfigDef.Width.LONG, "Into")
            .define(KEEP_SOURCE, ConfigDef.Type.BOOLEAN, false, ConfigDef.Importance.LOW,
                    "Whether the split field is kept beside its parts.",
                    GROUP, 5, ConfigDef.Width.SHORT, "Keep source"));

    private final FieldPath field;
    private final FieldSplitter splitter;
    private final List<FieldPath> into;
    private final boolean keepSource;

    public SplitFieldConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals);
        this.field = FieldPath.parse(getString(FIELD));
        String pattern = getString(PATTERN);
        String positions = getString(POSITIONS).trim();
        if (pattern.isEmpty() == positions.isEmpty()) {
            throw new ConfigException(PATTERN, pattern, "Set exactly one of " + PATTERN + " and " + POSITIONS);
        }
        this.splitter = pattern.isEmpty() ? FieldSplitter.byPositions(positions) : FieldSplitter.byPattern(pattern);
        this.into = getList(INTO).stream().map(FieldPath::parse).toList();
        if (into.size() != splitter.parts()) {
            throw new ConfigException(INTO, getList(INTO), "Name one field per part: the " + (pattern.isEmpty() ? POSITIONS : PATTERN)
                    + " gives " + splitter.parts() + " parts, " + INTO + " names " + into.size());
        }
        this.keepSource = getBoolean(KEEP_SOURCE);
    }

    public FieldPath field() {
        return field;
    }

    public FieldSplitter splitter() {
        return splitter;
    }

    public List<FieldPath> into() {
        return into;
    }

    public boolean keepSource() {
        return keepSource;
    }

    private static final class SplitterValidator implements ConfigDef.Validator {
        private final boolean pattern;

        SplitterValidator(boolean pattern) {
            this.pattern = pattern;
        }

        @Override
        public void ensureValid(String name, Object value) {
            String text = value == null ? "" : value.toString();
            if (text.isBlank()) {
                return;
            }
            try {
                if (pattern) {
                    FieldSplitter.byPattern(text);
                } else {
                    FieldSplitter.byPositions(text);
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return pattern ? "regular expression with capturing groups" : "ranges start-end, comma-separated";
        }
    }
}
