package dev.strangler.connect.acl;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.strangler.connect.acl.normalise.ConversionException;
import dev.strangler.connect.acl.normalise.DecimalConversion;
import dev.strangler.connect.acl.normalise.FieldConversion;
import dev.strangler.connect.acl.normalise.TemporalConversion;
import dev.strangler.connect.acl.normalise.TextNormalisation;
import dev.strangler.connect.acl.quarantine.RecordRejectedException;
import dev.strangler.connect.acl.quarantine.RejectReason;
import dev.strangler.connect.acl.struct.FieldPath;
import dev.strangler.connect.acl.struct.StructRewrite;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;

/**
 * Normalises legacy types in one pass: CHAR padding trimmed and blank text to null, legacy flags to booleans,
 * Debezium temporal encodings to Connect logical types (or ISO text) read in the legacy time zone, and Oracle's
 * variable-scale numbers to fixed-scale decimals. A value that cannot be converted quarantines the record
 * ({@code invalid-value}).
 */
public abstract class NormaliseTypes<R extends ConnectRecord<R>>
        extends StructRewriteTransformation<R, NormaliseTypesConfig> {

    public static final String OVERVIEW_DOC = "Normalises legacy types: trims CHAR padding, turns blank text into null, "
            + "Y/N and 1/0 flags into booleans, io.debezium.time.* values into Connect Date/Time/Timestamp (or ISO-8601 "
            + "text) in the legacy time zone, and VariableScaleDecimal into Decimal. Use <code>"
            + NormaliseTypes.class.getName() + "$Key</code> or <code>" + NormaliseTypes.class.getName() + "$Value</code>.";

    public static final ConfigDef CONFIG_DEF = NormaliseTypesConfig.CONFIG_DEF;

    protected NormaliseTypes() {
        super("NormaliseTypes", NormaliseTypesConfig::new);
    }

    @Override
    StructRewrite compile(Schema schema) {
        Map<FieldPath, FieldConversion> conversions = new LinkedHashMap<>();
        Set<FieldPath> flags = new HashSet<>();
        for (FieldPath flag : settings().booleanFields()) {
            Schema fieldSchema = flag.schemaIn(schema).orElseThrow(() -> new StructRewrite.PathException(flag, "no field " + flag));
            try {
                conversions.put(flag, settings().booleanCodes().forField(flag.toString(), fieldSchema));
            } catch (IllegalArgumentException e) {
                throw new StructRewrite.PathException(flag, e.getMessage());
            }
            flags.add(flag);
        }
        List<FieldPath> roots = settings().fields();
        if (roots.isEmpty()) {
            collect(null, schema, conversions, flags);
        } else {
            for (FieldPath root : roots) {
                Schema rootSchema = root.schemaIn(schema).orElseThrow(() -> new StructRewrite.PathException(root, "no field " + root));
                if (isPlainStruct(rootSchema)) {
                    collect(root, rootSchema, conversions, flags);
                } else {
                    collectLeaf(root, rootSchema, conversions, flags);
                }
            }
        }
        StructRewrite.Builder builder = StructRewrite.builder(schema);
        conversions.forEach((path, conversion) -> builder.replace(path, conversion.schema(), value -> convert(path, conversion, value)));
        return builder.build();
    }

    private void collect(FieldPath prefix, Schema struct, Map<FieldPath, FieldConversion> conversions, Set<FieldPath> flags) {
        for (Field field : struct.fields()) {
            FieldPath path = prefix == null ? FieldPath.of(field.name()) : prefix.child(field.name());
            if (isPlainStruct(field.schema())) {
                collect(path, field.schema(), conversions, flags);
            } else {
                collectLeaf(path, field.schema(), conversions, flags);
            }
        }
    }

    private void collectLeaf(FieldPath path, Schema schema, Map<FieldPath, FieldConversion> conversions, Set<FieldPath> flags) {
        if (flags.contains(path)) {
            return; // a flag's text is the boolean parser's concern
        }
        FieldConversion conversion = null;
        if (schema.type() == Schema.Type.STRING && schema.name() == null) {
            conversion = TextNormalisation.forField(schema, settings().trim(), settings().blankToNull());
        } else if (settings().temporal().isPresent() && TemporalConversion.handles(schema)) {
            conversion = settings().temporal().get().forField(path.toString(), schema);
        } else if (settings().decimal().isPresent() && DecimalConversion.handles(schema)) {
            conversion = settings().decimal().get().forField(path.toString(), schema);
        }
        if (conversion != null) {
            conversions.put(path, conversion);
        }
    }

    /** A struct of fields, not a logical type that happens to be a struct (VariableScaleDecimal, geometry). */
    private static boolean isPlainStruct(Schema schema) {
        return schema.type() == Schema.Type.STRUCT && !DecimalConversion.handles(schema)
                && (schema.name() == null || !schema.name().startsWith("io.debezium.data."));
    }

    private Object convert(FieldPath path, FieldConversion conversion, Object value) {
        if (value == null) {
            return null;
        }
        try {
            return conversion.convert(value);
        } catch (ConversionException e) {
            throw new RecordRejectedException(RejectReason.INVALID_VALUE, path.toString(), e.getMessage());
        }
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    /** Normalises the record key. */
    public static final class Key<R extends ConnectRecord<R>> extends NormaliseTypes<R> {
        @Override
        protected RecordPart part() {
            return RecordPart.KEY;
        }
    }

    /** Normalises the record value. */
    public static final class Value<R extends ConnectRecord<R>> extends NormaliseTypes<R> {
        @Override
        protected RecordPart part() {
            return RecordPart.VALUE;
        }
    }
}
