package dev.strangler.connect.acl;

import java.util.List;
import java.util.Map;

import dev.strangler.connect.acl.quarantine.QuarantineConfig;
import dev.strangler.connect.acl.struct.FieldPath;
import dev.strangler.connect.core.config.EnumValidator;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

/** Configuration of {@link MergeFields}. */
public final class MergeFieldsConfig extends AbstractConfig {

    /** What a null among the merged fields does. */
    public enum NullHandling {
        /** The merged value is null. */
        NULL,
        /** Nulls are left out; the merged value is null only when all are null. */
        SKIP
    }

    public static final String GROUP = "Merge";
    public static final String FIELDS = "fields";
    public static final String INTO = "into";
    public static final String SEPARATOR = "separator";
    public static final String NULLS = "nulls";
    public static final String KEEP_SOURCES = "keep.sources";

    public static final ConfigDef CONFIG_DEF = QuarantineConfig.define(new ConfigDef()
            .define(FIELDS, ConfigDef.Type.LIST, ConfigDef.NO_DEFAULT_VALUE, FieldPathListValidator.nonEmpty(),
                    ConfigDef.Importance.HIGH, "Dotted paths of the fields to merge, in order, e.g. 'branch,serial'.",
                    GROUP, 1, ConfigDef.Width.LONG, "Fields")
            .define(INTO, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new FieldPathValidator(),
                    ConfigDef.Importance.HIGH, "Dotted path of the merged optional string field, e.g. 'policyNumber'.",
                    GROUP, 2, ConfigDef.Width.MEDIUM, "Into")
            .define(SEPARATOR, ConfigDef.Type.STRING, "", ConfigDef.Importance.MEDIUM,
                    "Text placed between the merged values (numbers in plain decimal notation), e.g. '-'.",
                    GROUP, 3, ConfigDef.Width.SHORT, "Separator")
            .define(NULLS, ConfigDef.Type.STRING, EnumValidator.configValue(NullHandling.NULL),
                    EnumValidator.of(NullHandling.class), ConfigDef.Importance.MEDIUM,
                    "What a null among the fields does: 'null' makes the merged value null; 'skip' leaves it out.",
                    GROUP, 4, ConfigDef.Width.SHORT, "Nulls", EnumValidator.of(NullHandling.class))
            .define(KEEP_SOURCES, ConfigDef.Type.BOOLEAN, false, ConfigDef.Importance.LOW,
                    "Whether the merged fields are kept beside the result.",
                    GROUP, 5, ConfigDef.Width.SHORT, "Keep sources"));

    private final List<FieldPath> fields;
    private final FieldPath into;
    private final NullHandling nulls;

    public MergeFieldsConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals);
        this.fields = getList(FIELDS).stream().map(FieldPath::parse).toList();
        this.into = FieldPath.parse(getString(INTO));
        this.nulls = EnumValidator.parse(NullHandling.class, NULLS, getString(NULLS));
    }

    public List<FieldPath> fields() {
        return fields;
    }

    public FieldPath into() {
        return into;
    }

    public String separator() {
        return getString(SEPARATOR);
    }

    public NullHandling nulls() {
        return nulls;
    }

    public boolean keepSources() {
        return getBoolean(KEEP_SOURCES);
    }
}
