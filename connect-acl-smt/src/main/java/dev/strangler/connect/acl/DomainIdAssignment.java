package dev.strangler.connect.acl;

import java.util.ArrayList;
import java.util.List;

import dev.strangler.connect.acl.quarantine.QuarantineRouter;
import dev.strangler.connect.acl.quarantine.RecordRejectedException;
import dev.strangler.connect.acl.quarantine.RejectReason;
import dev.strangler.connect.acl.struct.FieldPath;
import dev.strangler.connect.acl.struct.StructRewrite;

import org.apache.kafka.common.cache.Cache;
import org.apache.kafka.common.cache.LRUCache;
import org.apache.kafka.common.cache.SynchronizedCache;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * What both identity transforms do around the id itself: read the legacy key fields, make the domain id the record
 * key (Kafka partitions by key, so all events of one aggregate stay in order on one partition) and optionally write
 * it into the value. Subclasses say where the id comes from ({@link AssignDomainId}: derived, {@link LookupDomainId}:
 * recorded by the new system).
 */
public abstract class DomainIdAssignment<R extends ConnectRecord<R>> extends AclTransformation<R> {

    private final Cache<Schema, StructRewrite> valueRewrites = new SynchronizedCache<>(new LRUCache<>(16));
    private final Cache<Schema, Boolean> checkedSchemas = new SynchronizedCache<>(new LRUCache<>(16));
    // records of one table share one schema instance: the last one checked answers without the cache's lock
    private volatile Schema lastChecked;
    private DomainKeyOptions.Settings key;
    private QuarantineRouter quarantine;
    private Schema keySchema;
    private List<String> columnNames;

    /** Called by subclasses from {@code configure}. */
    final void configureKey(DomainKeyOptions.Settings settings, QuarantineRouter router) {
        this.key = settings;
        this.quarantine = router;
        this.keySchema = settings.keyFormat() == DomainKeyOptions.KeyFormat.STRING ? Schema.STRING_SCHEMA
                : SchemaBuilder.struct().field(settings.idField(), Schema.STRING_SCHEMA).build();
        this.columnNames = settings.keyFields().stream().map(FieldPath::toString).toList();
    }

    /**
     * The domain id for the legacy key values (in {@code key.fields} order; text already trimmed if configured).
     *
     * @throws RecordRejectedException when the key cannot be identified
     */
    abstract String idFor(List<String> columnNames, List<Object> keyValues);

    @Override
    public final R apply(R record) {
        return quarantine.process(record, this::assign);
    }

    private R assign(R record) {
        boolean fromKey = key.keySource() == DomainKeyOptions.KeySource.KEY;
        Object source = fromKey ? record.key() : record.value();
        String part = fromKey ? "key" : "value";
        if (!(source instanceof Struct struct)) {
            throw new RecordRejectedException(RejectReason.IDENTITY, DomainKeyOptions.KEY_FIELDS, source == null
                    ? "The record " + part + " is null, so the legacy key fields cannot be read"
                    : "The record " + part + " is not a struct, so the legacy key fields cannot be read");
        }
        requireKeyFields(struct.schema());
        List<Object> keyValues = new ArrayList<>(key.keyFields().size());
        for (FieldPath field : key.keyFields()) {
            Object value = field.valueIn(struct);
            keyValues.add(key.trim() && value instanceof String text ? text.strip() : value);
        }
        String id = idFor(columnNames, keyValues);
        Object newKey = key.keyFormat() == DomainKeyOptions.KeyFormat.STRING ? id : new Struct(keySchema).put(key.idField(), id);
        Schema valueSchema = record.valueSchema();
        Object value = record.value();
        if (key.valueField().isPresent() && value instanceof Struct valueStruct) {
            StructRewrite rewrite = valueRewrite(valueSchema);
            valueSchema = rewrite.schema();
            try {
                value = rewrite.apply(valueStruct, id);
            } catch (StructRewrite.AbsentStructException e) {
                throw new RecordRejectedException(RejectReason.INVALID_VALUE, e.struct(), e.getMessage());
            }
        }
        // partition null: the new key decides the partition, which is the point of a domain id
        return record.newRecord(record.topic(), null, keySchema, newKey, valueSchema, value, record.timestamp(), record.headers());
    }

    private void requireKeyFields(Schema schema) {
        if (schema == lastChecked) {
            return;
        }
        if (checkedSchemas.get(schema) != null) {
            lastChecked = schema;
            return;
        }
        for (FieldPath field : key.keyFields()) {
            if (field.schemaIn(schema).isEmpty()) {
                throw new RecordRejectedException(RejectReason.SCHEMA_MISMATCH, field.toString(),
                        "The record schema " + schema.name() + " has no key field " + field);
            }
        }
        checkedSchemas.put(schema, Boolean.TRUE);
        lastChecked = schema;
    }

    private StructRewrite valueRewrite(Schema schema) {
        StructRewrite rewrite = valueRewrites.get(schema);
        if (rewrite == null) {
            FieldPath field = key.valueField().orElseThrow();
            try {
                rewrite = StructRewrite.builder(schema).addInput(field, Schema.STRING_SCHEMA, 0).build();
            } catch (StructRewrite.PathException e) {
                throw new RecordRejectedException(RejectReason.SCHEMA_MISMATCH, field.toString(), e.getMessage());
            }
            valueRewrites.put(schema, rewrite);
        }
        return rewrite;
    }

}
