package dev.strangler.connect.acl;

import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.strangler.connect.acl.normalise.BooleanCodes;
import dev.strangler.connect.acl.normalise.DecimalConversion;
import dev.strangler.connect.acl.normalise.TemporalConversion;
import dev.strangler.connect.acl.normalise.TextNormalisation;
import dev.strangler.connect.acl.quarantine.QuarantineConfig;
import dev.strangler.connect.acl.struct.FieldPath;
import dev.strangler.connect.core.config.EnumValidator;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Configuration of {@link NormaliseTypes}. */
public final class NormaliseTypesConfig extends AbstractConfig {

    /** What Debezium temporal values become. */
    public enum TemporalHandling {
        /** Left as Debezium encodes them. */
        NONE,
        /** Connect's logical Date, Time and Timestamp (millisecond precision). */
        CONNECT,
        /** Lossless ISO-8601 text. */
        ISO_STRING
    }

    public static final String SCOPE_GROUP = "Scope";
    public static final String TEXT_GROUP = "Text";
    public static final String BOOLEAN_GROUP = "Flags";
    public static final String TEMPORAL_GROUP = "Dates and times";
    public static final String DECIMAL_GROUP = "Numbers";

    public static final String FIELDS = "fields";
    public static final String TEXT_TRIM = "text.trim";
    public static final String TEXT_BLANK_TO_NULL = "text.blank.to.null";
    public static final String BOOLEAN_FIELDS = "boolean.fields";
    public static final String BOOLEAN_TRUE_CODES = "boolean.true.codes";
    public static final String BOOLEAN_FALSE_CODES = "boolean.false.codes";
    public static final String TEMPORAL = "temporal";
    public static final String TEMPORAL_LEGACY_ZONE = "temporal.legacy.zone";
    public static final String DECIMAL_SCALE = "decimal.scale";
    public static final String DECIMAL_ROUNDING = "decimal.rounding";

    public static final ConfigDef CONFIG_DEF = QuarantineConfig.define(new ConfigDef()
            .define(FIELDS, ConfigDef.Type.LIST, List.of(), FieldPathListValidator.any(), ConfigDef.Importance.MEDIUM,
                    "Dotted paths of the fields or structs to normalise (a struct means every field in it, at any "
                            + "depth), e.g. 'after,before'. Empty: the whole value.",
                    SCOPE_GROUP, 1, ConfigDef.Width.LONG, "Fields")
            .define(TEXT_TRIM, ConfigDef.Type.STRING, EnumValidator.configValue(TextNormalisation.Trim.TRAILING),
                    EnumValidator.of(TextNormalisation.Trim.class), ConfigDef.Importance.MEDIUM,
                    "Blanks trimmed from text: 'trailing' removes CHAR padding, 'both' also leading blanks, 'none' keeps all.",
                    TEXT_GROUP, 1, ConfigDef.Width.SHORT, "Trim", EnumValidator.of(TextNormalisation.Trim.class))
            .define(TEXT_BLANK_TO_NULL, ConfigDef.Type.BOOLEAN, true, ConfigDef.Importance.MEDIUM,
                    "Whether blank text in an optional field becomes null.",
                    TEXT_GROUP, 2, ConfigDef.Width.SHORT, "Blank to null")
            .define(BOOLEAN_FIELDS, ConfigDef.Type.LIST, List.of(), FieldPathListValidator.any(), ConfigDef.Importance.MEDIUM,
                    "Dotted paths of legacy flag fields (text or integer) that become booleans, e.g. 'after.active_flag'. "
                            + "A code in neither list quarantines the record (invalid-value).",
                    BOOLEAN_GROUP, 1, ConfigDef.Width.LONG, "Flag fields")
            .define(BOOLEAN_TRUE_CODES, ConfigDef.Type.LIST, List.of("Y", "J", "T", "1", "TRUE", "YES"), ConfigDef.Importance.LOW,
                    "Codes meaning true (compared case-insensitively after trimming).",
                    BOOLEAN_GROUP, 2, ConfigDef.Width.MEDIUM, "True codes")
            .define(BOOLEAN_FALSE_CODES, ConfigDef.Type.LIST, List.of("N", "F", "0", "FALSE", "NO"), ConfigDef.Importance.LOW,
                    "Codes meaning false (compared case-insensitively after trimming).",
                    BOOLEAN_GROUP, 3, ConfigDef.Width.MEDIUM, "False codes")
            .define(TEMPORAL, ConfigDef.Type.STRING, EnumValidator.configValue(TemporalHandling.CONNECT),
                    EnumValidator.of(TemporalHandling.class), ConfigDef.Importance.MEDIUM,
                    "What io.debezium.time.* values become: 'connect' gives Connect's logical Date, Time and Timestamp "
                            + "(millisecond precision: micro- and nanoseconds are cut), 'iso-string' gives lossless "
                            + "ISO-8601 text (timestamps in UTC), 'none' leaves them.",
                    TEMPORAL_GROUP, 1, ConfigDef.Width.SHORT, "Temporal values", EnumValidator.of(TemporalHandling.class))
            .define(TEMPORAL_LEGACY_ZONE, ConfigDef.Type.STRING, "UTC", new ZoneValidator(), ConfigDef.Importance.MEDIUM,
                    "The time zone of the legacy wall clock: timestamps without zone (Postgres TIMESTAMP, Oracle DATE "
                            + "and TIMESTAMP) are read as local time there, e.g. 'Europe/Zurich'.",
                    TEMPORAL_GROUP, 2, ConfigDef.Width.MEDIUM, "Legacy time zone")
            .define(DECIMAL_SCALE, ConfigDef.Type.INT, -1, ConfigDef.Range.between(-1, 38), ConfigDef.Importance.MEDIUM,
                    "If 0 or more, Debezium VariableScaleDecimal values (Oracle NUMBER without precision, FLOAT) become "
                            + "Connect Decimals with this scale. -1 leaves them.",
                    DECIMAL_GROUP, 1, ConfigDef.Width.SHORT, "Decimal scale")
            .define(DECIMAL_ROUNDING, ConfigDef.Type.STRING, EnumValidator.configValue(RoundingMode.UNNECESSARY),
                    EnumValidator.of(RoundingMode.class), ConfigDef.Importance.LOW,
                    "Rounding when a value has more fractional digits than " + DECIMAL_SCALE + ": 'unnecessary' "
                            + "quarantines such records (invalid-value), 'half-up', 'half-even', ... round.",
                    DECIMAL_GROUP, 2, ConfigDef.Width.SHORT, "Decimal rounding", EnumValidator.of(RoundingMode.class)));

    private final List<FieldPath> fields;
    private final TextNormalisation.Trim trim;
    private final List<FieldPath> booleanFields;
    private final BooleanCodes booleanCodes;
    private final Optional<TemporalConversion> temporal;
    private final Optional<DecimalConversion> decimal;

    public NormaliseTypesConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals);
        this.fields = getList(FIELDS).stream().map(FieldPath::parse).toList();
        this.trim = EnumValidator.parse(TextNormalisation.Trim.class, TEXT_TRIM, getString(TEXT_TRIM));
        this.booleanFields = getList(BOOLEAN_FIELDS).stream().map(FieldPath::parse).toList();
        try {
            this.booleanCodes = BooleanCodes.of(getList(BOOLEAN_TRUE_CODES), getList(BOOLEAN_FALSE_CODES));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(BOOLEAN_TRUE_CODES, getList(BOOLEAN_TRUE_CODES), e.getMessage());
        }
        TemporalHandling temporalHandling = EnumValidator.parse(TemporalHandling.class, TEMPORAL, getString(TEMPORAL));
        ZoneId zone = ZoneId.of(getString(TEMPORAL_LEGACY_ZONE).trim());
        this.temporal = switch (temporalHandling) {
            case NONE -> Optional.empty();
            case CONNECT -> Optional.of(new TemporalConversion(TemporalConversion.Target.CONNECT, zone));
            case ISO_STRING -> Optional.of(new TemporalConversion(TemporalConversion.Target.ISO_STRING, zone));
        };
        int scale = getInt(DECIMAL_SCALE);
        RoundingMode rounding = EnumValidator.parse(RoundingMode.class, DECIMAL_ROUNDING, getString(DECIMAL_ROUNDING));
        this.decimal = scale < 0 ? Optional.empty() : Optional.of(new DecimalConversion(scale, rounding));
    }

    public List<FieldPath> fields() {
        return fields;
    }

    public TextNormalisation.Trim trim() {
        return trim;
    }

    public boolean blankToNull() {
        return getBoolean(TEXT_BLANK_TO_NULL);
    }

    public List<FieldPath> booleanFields() {
        return booleanFields;
    }

    public BooleanCodes booleanCodes() {
        return booleanCodes;
    }

    public Optional<TemporalConversion> temporal() {
        return temporal;
    }

    public Optional<DecimalConversion> decimal() {
        return decimal;
    }

    private static final class ZoneValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                ZoneId.of(String.valueOf(value).trim());
            } catch (DateTimeException e) {
                throw new ConfigException(name, value, "Not a time zone: use a region id such as 'Europe/Zurich' or an offset such as '+01:00'");
            }
        }

        @Override
        public String toString() {
            return "time zone id";
        }
    }
}
