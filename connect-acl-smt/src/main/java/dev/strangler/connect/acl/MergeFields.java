package dev.strangler.connect.acl;

import dev.strangler.connect.acl.struct.FieldPath;
import dev.strangler.connect.acl.struct.FieldText;
import dev.strangler.connect.acl.struct.StructRewrite;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/** Merges several legacy fields into one domain field, e.g. branch and serial into a policy number. */
public abstract class MergeFields<R extends ConnectRecord<R>>
        extends StructRewriteTransformation<R, MergeFieldsConfig> {

    public static final String OVERVIEW_DOC = "Joins the text of several fields (dotted paths) into one optional string "
            + "field with a separator. Use <code>" + MergeFields.class.getName() + "$Key</code> or <code>"
            + MergeFields.class.getName() + "$Value</code>.";

    public static final ConfigDef CONFIG_DEF = MergeFieldsConfig.CONFIG_DEF;

    protected MergeFields() {
        super("MergeFields", MergeFieldsConfig::new);
    }

    @Override
    StructRewrite compile(Schema schema) {
        StructRewrite.Builder builder = StructRewrite.builder(schema);
        for (FieldPath field : settings().fields()) {
            if (builder.schemaOf(field).isEmpty()) {
                throw new StructRewrite.PathException(field, "no field " + field);
            }
        }
        if (!settings().keepSources()) {
            settings().fields().forEach(builder::remove);
        }
        builder.add(settings().into(), Schema.OPTIONAL_STRING_SCHEMA, this::merge);
        return builder.build();
    }

    private String merge(Struct root) {
        StringBuilder merged = new StringBuilder();
        boolean any = false;
        for (FieldPath field : settings().fields()) {
            String text = FieldText.of(field.valueIn(root));
            if (text == null) {
                if (settings().nulls() == MergeFieldsConfig.NullHandling.NULL) {
                    return null;
                }
                continue;
            }
            if (any) {
                merged.append(settings().separator());
            }
            merged.append(text);
            any = true;
        }
        return any ? merged.toString() : null;
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    /** Merges fields of the record key. */
    public static final class Key<R extends ConnectRecord<R>> extends MergeFields<R> {
        @Override
        protected RecordPart part() {
            return RecordPart.KEY;
        }
    }

    /** Merges fields of the record value. */
    public static final class Value<R extends ConnectRecord<R>> extends MergeFields<R> {
        @Override
        protected RecordPart part() {
            return RecordPart.VALUE;
        }
    }
}
