package dev.strangler.connect.acl;

import dev.strangler.connect.acl.struct.FieldPath;
import dev.strangler.connect.acl.struct.StructRewrite;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;

/**
 * Reshapes a legacy row into the domain's structure with dotted paths: drop, rename, nest and un-nest, at any depth
 * (Kafka's {@code ReplaceField} works on top-level fields only). A path the record lacks quarantines it
 * ({@code schema-mismatch}).
 */
public abstract class Restructure<R extends ConnectRecord<R>>
        extends StructRewriteTransformation<R, RestructureConfig> {

    public static final String OVERVIEW_DOC = "Drops, renames, nests and un-nests fields at any depth, named by "
            + "dotted paths. Use <code>" + Restructure.class.getName() + "$Key</code> or <code>"
            + Restructure.class.getName() + "$Value</code>.";

    public static final ConfigDef CONFIG_DEF = RestructureConfig.CONFIG_DEF;

    protected Restructure() {
        super("Restructure", RestructureConfig::new);
    }

    @Override
    StructRewrite compile(Schema schema) {
        StructRewrite.Builder builder = StructRewrite.builder(schema);
        settings().drop().forEach(builder::remove);
        settings().moves().forEach(move -> builder.move(move.from(), move.to()));
        for (FieldPath struct : settings().unnest()) {
            Schema structSchema = builder.schemaOf(struct)
                    .orElseThrow(() -> new StructRewrite.PathException(struct, "no field " + struct));
            if (structSchema.type() != Schema.Type.STRUCT) {
                throw new StructRewrite.PathException(struct, "field " + struct + " is not a struct");
            }
            for (Field field : structSchema.fields()) {
                FieldPath target = struct.parent().map(parent -> parent.child(field.name())).orElse(FieldPath.of(field.name()));
                builder.move(struct.child(field.name()), target);
            }
        }
        return builder.build();
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    /** Restructures the record key. */
    public static final class Key<R extends ConnectRecord<R>> extends Restructure<R> {
        @Override
        protected RecordPart part() {
            return RecordPart.KEY;
        }
    }

    /** Restructures the record value. */
    public static final class Value<R extends ConnectRecord<R>> extends Restructure<R> {
        @Override
        protected RecordPart part() {
            return RecordPart.VALUE;
        }
    }
}
