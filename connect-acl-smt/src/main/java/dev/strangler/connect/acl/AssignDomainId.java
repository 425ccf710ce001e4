package dev.strangler.connect.acl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.strangler.connect.acl.quarantine.QuarantineConfig;
import dev.strangler.connect.acl.quarantine.QuarantineRouter;
import dev.strangler.connect.acl.quarantine.RecordRejectedException;
import dev.strangler.connect.acl.quarantine.RejectReason;
import dev.strangler.connect.acl.quarantine.TransformMetrics;
import dev.strangler.connect.acl.struct.FieldPath;
import dev.strangler.connect.acl.struct.StructRewrite;
import dev.strangler.connect.core.StranglerVersion;
import dev.strangler.connect.core.identity.IdentityException;

import org.apache.kafka.common.cache.Cache;
import org.apache.kafka.common.cache.LRUCache;
import org.apache.kafka.common.cache.SynchronizedCache;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.metrics.Monitorable;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * Gives each record the stable domain id of its aggregate, derived from the legacy key columns as a name-based
 * UUID v5 ({@link dev.strangler.connect.core.identity.DomainIdentity}), and makes it the record key. Kafka
 * partitions by key, so all events of one aggregate stay in order on one partition, whatever the legacy key
 * looked like. A key that cannot be identified (a null or blank column) is quarantined ({@code identity}).
 */
public class AssignDomainId<R extends ConnectRecord<R>> implements Transformation<R>, Versioned, Monitorable {

    public static final String OVERVIEW_DOC = "Derives a stable domain id (UUID v5 in the aggregate's namespace) from "
            + "one or more legacy key fields and makes it the record key, so per-aggregate order holds; optionally "
            + "also writes it into the value.";

    public static final ConfigDef CONFIG_DEF = AssignDomainIdConfig.CONFIG_DEF;

    private final TransformMetrics metrics = TransformMetrics.detached();
    private final Cache<Schema, StructRewrite> valueRewrites = new SynchronizedCache<>(new LRUCache<>(16));
    private final Cache<Schema, Boolean> checkedSchemas = new SynchronizedCache<>(new LRUCache<>(16));
    private AssignDomainIdConfig config;
    private QuarantineRouter quarantine;
    private Schema keySchema;
    private List<String> columnNames;

    @Override
    public void configure(Map<String, ?> configs) {
        config = new AssignDomainIdConfig(configs);
        quarantine = QuarantineConfig.router(config, "AssignDomainId", metrics);
        keySchema = config.keyFormat() == AssignDomainIdConfig.KeyFormat.STRING ? Schema.STRING_SCHEMA
                : SchemaBuilder.struct().field(config.idField(), Schema.STRING_SCHEMA).build();
        columnNames = config.keyFields().stream().map(FieldPath::toString).toList();
    }

    @Override
    public R apply(R record) {
        return quarantine.process(record, this::assign);
    }

    private R assign(R record) {
        boolean fromKey = config.keySource() == AssignDomainIdConfig.KeySource.KEY;
        Object source = fromKey ? record.key() : record.value();
        Schema sourceSchema = fromKey ? record.keySchema() : record.valueSchema();
        String part = fromKey ? "key" : "value";
        if (!(source instanceof Struct struct)) {
            throw new RecordRejectedException(RejectReason.IDENTITY, AssignDomainIdConfig.KEY_FIELDS, source == null
                    ? "The record " + part + " is null, so the legacy key fields cannot be read"
                    : "The record " + part + " is not a struct, so the legacy key fields cannot be read");
        }
        requireKeyFields(sourceSchema);
        List<Object> keyValues = new ArrayList<>(config.keyFields().size());
        for (FieldPath field : config.keyFields()) {
            keyValues.add(field.valueIn(struct));
        }
        UUID id;
        try {
            id = config.identity().idFor(columnNames, keyValues);
        } catch (IdentityException e) {
            throw new RecordRejectedException(RejectReason.IDENTITY, AssignDomainIdConfig.KEY_FIELDS, e.getMessage());
        }
        String idText = id.toString();
        Object key = config.keyFormat() == AssignDomainIdConfig.KeyFormat.STRING ? idText
                : new Struct(keySchema).put(config.idField(), idText);
        Schema valueSchema = record.valueSchema();
        Object value = record.value();
        if (config.valueField().isPresent() && value instanceof Struct valueStruct) {
            StructRewrite rewrite = valueRewrite(valueSchema);
            valueSchema = rewrite.schema();
            value = rewrite.apply(valueStruct, idText);
        }
        // partition null: the new key decides the partition, which is the point of a domain id
        return record.newRecord(record.topic(), null, keySchema, key, valueSchema, value, record.timestamp(), record.headers());
    }

    private void requireKeyFields(Schema schema) {
        if (checkedSchemas.get(schema) != null) {
            return;
        }
        for (FieldPath field : config.keyFields()) {
            if (field.schemaIn(schema).isEmpty()) {
                throw new RecordRejectedException(RejectReason.SCHEMA_MISMATCH, field.toString(),
                        "The record schema " + schema.name() + " has no key field " + field);
            }
        }
        checkedSchemas.put(schema, Boolean.TRUE);
    }

    private StructRewrite valueRewrite(Schema schema) {
        StructRewrite rewrite = valueRewrites.get(schema);
        if (rewrite == null) {
            FieldPath field = config.valueField().orElseThrow();
            try {
                rewrite = StructRewrite.builder(schema).addInput(field, Schema.STRING_SCHEMA, 0).build();
            } catch (StructRewrite.PathException e) {
                throw new RecordRejectedException(RejectReason.SCHEMA_MISMATCH, field.toString(), e.getMessage());
            }
            valueRewrites.put(schema, rewrite);
        }
        return rewrite;
    }

    TransformMetrics metrics() {
        return metrics;
    }

    @Override
    public void withPluginMetrics(PluginMetrics pluginMetrics) {
        metrics.attach(pluginMetrics);
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public String version() {
        return StranglerVersion.get();
    }

    @Override
    public void close() {
        metrics.close();
    }
}
