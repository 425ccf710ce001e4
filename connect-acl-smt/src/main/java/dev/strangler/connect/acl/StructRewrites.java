package dev.strangler.connect.acl;

import java.util.function.Function;

import dev.strangler.connect.acl.quarantine.RecordRejectedException;
import dev.strangler.connect.acl.quarantine.RejectReason;
import dev.strangler.connect.acl.struct.StructRewrite;

import org.apache.kafka.common.cache.Cache;
import org.apache.kafka.common.cache.LRUCache;
import org.apache.kafka.common.cache.SynchronizedCache;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * The per-input-schema cache of compiled rewrites that every path-based transform shares (Kafka's
 * {@code ReplaceField} keeps its updated schemas the same way). A schema the configuration does not fit is cached
 * too, as the rejection, so a wrong path costs one check per schema, not one per record.
 */
final class StructRewrites {

    /** A compiled rewrite, or why the configuration does not fit the schema. */
    private record Plan(Schema schema, StructRewrite rewrite, StructRewrite.PathException misfit) {
    }

    private final Cache<Schema, Plan> plans = new SynchronizedCache<>(new LRUCache<>(32));
    // The records of one table share one schema instance, so the plan of the last schema answers almost every
    // lookup by identity, without the cache's lock and hashing of the whole schema.
    private volatile Plan last;
    private final Function<Schema, StructRewrite> compiler;

    /** @param compiler builds the rewrite for a schema; throws {@code StructRewrite.PathException} if it does not fit */
    StructRewrites(Function<Schema, StructRewrite> compiler) {
        this.compiler = compiler;
    }

    /** Rewrites the key or value of a record; tombstones (null) are returned as they are. */
    <R extends ConnectRecord<R>> R apply(R record, RecordPart part) {
        Object value = part.value(record);
        if (value == null) {
            return record;
        }
        Schema schema = part.schema(record);
        if (!(value instanceof Struct struct) || schema == null || schema.type() != Schema.Type.STRUCT) {
            throw new RecordRejectedException(RejectReason.NOT_A_STRUCT, part.label(),
                    "The record " + part.label() + " is not a struct with a schema, so field paths do not apply");
        }
        StructRewrite rewrite = rewriteFor(schema);
        try {
            return part.with(record, rewrite.schema(), rewrite.apply(struct));
        } catch (StructRewrite.AbsentStructException e) {
            throw new RecordRejectedException(RejectReason.INVALID_VALUE, e.struct(), e.getMessage());
        }
    }

    private StructRewrite rewriteFor(Schema schema) {
        Plan plan = last;
        if (plan == null || plan.schema() != schema) {
            plan = plans.get(schema);
            if (plan == null) {
                try {
                    plan = new Plan(schema, compiler.apply(schema), null);
                } catch (StructRewrite.PathException e) {
                    plan = new Plan(schema, null, e);
                }
                plans.put(schema, plan);
            }
            last = plan.schema() == schema ? plan : new Plan(schema, plan.rewrite(), plan.misfit());
        }
        if (plan.rewrite() == null) {
            throw new RecordRejectedException(RejectReason.SCHEMA_MISMATCH, plan.misfit().path().toString(),
                    "The configuration does not fit the record schema " + schema.name() + ": " + plan.misfit().getMessage());
        }
        return plan.rewrite();
    }
}
