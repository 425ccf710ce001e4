package dev.strangler.connect.acl;

import java.util.Collections;
import java.util.List;

import dev.strangler.connect.acl.quarantine.RecordRejectedException;
import dev.strangler.connect.acl.quarantine.RejectReason;
import dev.strangler.connect.acl.struct.FieldPath;
import dev.strangler.connect.acl.struct.FieldText;
import dev.strangler.connect.acl.struct.StructRewrite;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Splits one overloaded legacy field into several domain fields, e.g. a policy code whose first letter is the
 * region. A value that does not match is quarantined ({@code no-match}); a null value gives null parts.
 */
public abstract class SplitField<R extends ConnectRecord<R>>
        extends StructRewriteTransformation<R, SplitFieldConfig> {

    public static final String OVERVIEW_DOC = "Splits one field into several optional string fields by a regular "
            + "expression (one capturing group per part) or by character positions. Values that do not match are "
            + "quarantined. Use <code>" + SplitField.class.getName() + "$Key</code> or <code>"
            + SplitField.class.getName() + "$Value</code>.";

    public static final ConfigDef CONFIG_DEF = SplitFieldConfig.CONFIG_DEF;

    protected SplitField() {
        super("SplitField", SplitFieldConfig::new);
    }

    @Override
    StructRewrite compile(Schema schema) {
        FieldPath field = settings().field();
        StructRewrite.Builder builder = StructRewrite.builder(schema);
        if (builder.schemaOf(field).isEmpty()) {
            throw new StructRewrite.PathException(field, "no field " + field);
        }
        List<FieldPath> into = settings().into();
        builder.addGroup(into, Collections.nCopies(into.size(), Schema.OPTIONAL_STRING_SCHEMA), this::split);
        if (!settings().keepSource()) {
            builder.remove(field);
        }
        return builder.build();
    }

    /** The parts of the field's value; a null value gives null parts. */
    private Object[] split(Struct root) {
        String value = FieldText.of(settings().field().valueIn(root));
        if (value == null) {
            return new Object[settings().into().size()];
        }
        return settings().splitter().split(value).orElseThrow(() -> new RecordRejectedException(RejectReason.NO_MATCH,
                settings().field().toString(), "The value of " + settings().field() + " does not match the configured "
                        + (settings().getString(SplitFieldConfig.PATTERN).isEmpty()
                                ? SplitFieldConfig.POSITIONS : SplitFieldConfig.PATTERN)))
                .toArray();
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    /** Splits a field of the record key. */
    public static final class Key<R extends ConnectRecord<R>> extends SplitField<R> {
        @Override
        protected RecordPart part() {
            return RecordPart.KEY;
        }
    }

    /** Splits a field of the record value. */
    public static final class Value<R extends ConnectRecord<R>> extends SplitField<R> {
        @Override
        protected RecordPart part() {
            return RecordPart.VALUE;
        }
    }
}
