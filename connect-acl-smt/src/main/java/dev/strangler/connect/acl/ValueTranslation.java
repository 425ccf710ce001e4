package dev.strangler.connect.acl;

import dev.strangler.connect.acl.quarantine.RecordRejectedException;
import dev.strangler.connect.acl.quarantine.RejectReason;
import dev.strangler.connect.acl.struct.FieldPath;
import dev.strangler.connect.acl.struct.FieldText;
import dev.strangler.connect.acl.struct.StructRewrite;
import dev.strangler.connect.core.mapping.Translation;
import dev.strangler.connect.core.mapping.UnknownValuePolicy;
import dev.strangler.connect.core.mapping.ValueTranslator;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;

/**
 * Translates legacy codes to domain values with a declarative table ({@link dev.strangler.connect.core.mapping.ValueMapping}),
 * in one or more fields given by dotted paths. The translated fields become optional or required strings as the
 * legacy field was. Unknown codes follow {@code unknown.policy}; a field path the record lacks quarantines the
 * record ({@code schema-mismatch}), so a typo is visible rather than silently translating nothing.
 */
public abstract class ValueTranslation<R extends ConnectRecord<R>>
        extends StructRewriteTransformation<R, ValueTranslationConfig> {

    public static final String OVERVIEW_DOC = "Translates legacy codes into domain values in the fields at the given "
            + "dotted paths, using an inline table or a mapping file on the worker (shared with the legacy sink, which "
            + "reads it in reverse). Unknown codes fail, quarantine, pass through or become a default, as configured. "
            + "Use the concrete transformation type designed for the record key (<code>" + ValueTranslation.class.getName()
            + "$Key</code>) or value (<code>" + ValueTranslation.class.getName() + "$Value</code>).";

    public static final ConfigDef CONFIG_DEF = ValueTranslationConfig.CONFIG_DEF;

    protected ValueTranslation() {
        super("ValueTranslation", ValueTranslationConfig::new);
    }

    @Override
    StructRewrite compile(Schema schema) {
        StructRewrite.Builder builder = StructRewrite.builder(schema);
        for (FieldPath path : settings().fields()) {
            Schema fieldSchema = builder.schemaOf(path).orElseThrow(() -> new StructRewrite.PathException(path, "no field " + path));
            requireCodeType(path, fieldSchema);
            Schema translated = fieldSchema.isOptional() ? Schema.OPTIONAL_STRING_SCHEMA : Schema.STRING_SCHEMA;
            builder.replace(path, translated, value -> translate(path, value));
        }
        return builder.build();
    }

    private Object translate(FieldPath path, Object value) {
        String code = codeText(value);
        ValueTranslator translator = settings().translator();
        Translation translation = translator.translate(code);
        if (translation.wasUnknown()) {
            metrics().unknownCode(path.toString());
        }
        if (translation.isRejected()) {
            String message = "Unknown code '" + abbreviate(code) + "' in field " + path;
            if (translator.policy() == UnknownValuePolicy.FAIL) {
                throw new DataException("ValueTranslation: " + message + " and " + ValueTranslationConfig.UNKNOWN_POLICY + " is fail");
            }
            throw new RecordRejectedException(RejectReason.UNKNOWN_CODE, path.toString(), message);
        }
        if (translation.outcome() == Translation.Outcome.MAPPED) {
            metrics().translated(1);
        }
        return translation.value();
    }

    private String codeText(Object value) {
        if (value == null) {
            return null;
        }
        String text = FieldText.of(value);
        return settings().trim() ? text.strip() : text;
    }

    private static void requireCodeType(FieldPath path, Schema schema) {
        switch (schema.type()) {
            case STRING, INT8, INT16, INT32, INT64, BOOLEAN -> {
                if (schema.name() != null && schema.type() != Schema.Type.STRING) {
                    // dates and times are integers with a logical name: they are no codes
                    throw new StructRewrite.PathException(path, "field " + path + " has logical type " + schema.name()
                            + ", which holds no codes");
                }
            }
            case BYTES -> {
                if (!Decimal.LOGICAL_NAME.equals(schema.name())) {
                    throw new StructRewrite.PathException(path, "field " + path + " holds bytes, which are no codes");
                }
            }
            default -> throw new StructRewrite.PathException(path, "field " + path + " has type " + schema.type()
                    + ", which holds no codes");
        }
    }

    private static String abbreviate(String code) {
        return code.length() <= 64 ? code : code.substring(0, 64) + "...";
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    /** Translates fields of the record key. */
    public static final class Key<R extends ConnectRecord<R>> extends ValueTranslation<R> {
        @Override
        protected RecordPart part() {
            return RecordPart.KEY;
        }
    }

    /** Translates fields of the record value. */
    public static final class Value<R extends ConnectRecord<R>> extends ValueTranslation<R> {
        @Override
        protected RecordPart part() {
            return RecordPart.VALUE;
        }
    }
}
