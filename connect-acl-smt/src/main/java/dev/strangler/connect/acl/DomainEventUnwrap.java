package dev.strangler.connect.acl;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.strangler.connect.acl.envelope.ChangeEvent;
import dev.strangler.connect.acl.envelope.MalformedChangeEventException;
import dev.strangler.connect.acl.envelope.Operation;
import dev.strangler.connect.acl.envelope.SourceMetadata;
import dev.strangler.connect.acl.event.DomainEventHeaders;
import dev.strangler.connect.acl.event.EventType;
import dev.strangler.connect.acl.quarantine.QuarantineConfig;
import dev.strangler.connect.acl.quarantine.QuarantineRouter;
import dev.strangler.connect.acl.quarantine.RecordRejectedException;
import dev.strangler.connect.acl.quarantine.RejectReason;

import org.apache.kafka.common.cache.Cache;
import org.apache.kafka.common.cache.LRUCache;
import org.apache.kafka.common.cache.SynchronizedCache;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Headers;

/**
 * Turns a Debezium change event into a domain event: the value becomes the row state, and what happened travels
 * in headers ({@link DomainEventHeaders}): event type, operation, changed fields on updates, source metadata and
 * the backfill flag on snapshot reads. Deletes and tombstones are handled as configured, never dropped silently;
 * a truncate or a malformed envelope is quarantined. Records that are not change events (heartbeats, schema
 * changes) pass through unchanged.
 *
 * <p>Transforms that need both images run before this one on the envelope ({@code after.status},
 * {@code before.status}), or after it with {@code before.field} set.
 */
public class DomainEventUnwrap<R extends ConnectRecord<R>> extends AclTransformation<R> {

    public static final String OVERVIEW_DOC = "Unwraps a Debezium change event into a domain event: the value becomes "
            + "the row state (the before image for deletes) and the event type (Created, Changed, Deleted, "
            + "SnapshotRead), changed fields, source metadata and the backfill flag become acl.* headers. Truncates and "
            + "malformed envelopes are quarantined; records that are not change events pass through.";

    public static final ConfigDef CONFIG_DEF = DomainEventUnwrapConfig.CONFIG_DEF;

    private final Cache<Schema, Schema> withBeforeSchemas = new SynchronizedCache<>(new LRUCache<>(16));
    private DomainEventUnwrapConfig config;
    private QuarantineRouter quarantine;

    @Override
    public void configure(Map<String, ?> configs) {
        config = new DomainEventUnwrapConfig(configs);
        quarantine = QuarantineConfig.router(config, "DomainEventUnwrap", metrics());
    }

    @Override
    public R apply(R record) {
        return quarantine.process(record, this::unwrap);
    }

    private R unwrap(R record) {
        if (record.value() == null) {
            return tombstone(record);
        }
        if (!ChangeEvent.isChangeEvent(record.valueSchema()) || !(record.value() instanceof Struct envelope)) {
            return record;
        }
        ChangeEvent event;
        try {
            event = ChangeEvent.from(envelope);
        } catch (MalformedChangeEventException e) {
            throw new RecordRejectedException(RejectReason.MALFORMED_EVENT, "envelope", e.getMessage());
        }
        EventType type = EventType.of(event.operation()).orElseThrow(() -> new RecordRejectedException(
                RejectReason.UNSUPPORTED_OPERATION, "op", "A truncate of " + event.source().table().orElse("a table")
                        + " has no row and becomes no domain event"));

        Headers headers = record.headers().duplicate();
        headers.addString(DomainEventHeaders.EVENT_TYPE, type.label());
        headers.addString(DomainEventHeaders.OPERATION, event.operation().code());
        headers.addBoolean(DomainEventHeaders.BACKFILL, event.isBackfill());
        event.changedFields().ifPresent(fields -> headers.addString(DomainEventHeaders.CHANGED_FIELDS, String.join(",", fields)));
        if (config.sourceHeaders()) {
            addSourceHeaders(headers, event.source());
        }

        if (event.operation() == Operation.DELETE && config.deleteHandling() == DomainEventUnwrapConfig.DeleteHandling.TOMBSTONE) {
            return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(), null, null,
                    record.timestamp(), headers);
        }
        Schema rowSchema = event.rowSchema();
        Struct state = event.state().orElseThrow();
        if (config.beforeField().isPresent()) {
            Schema schema = schemaWithBefore(rowSchema);
            return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(), schema,
                    valueWithBefore(schema, state, event.before().orElse(null)), record.timestamp(), headers);
        }
        return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(), rowSchema, state,
                record.timestamp(), headers);
    }

    private R tombstone(R record) {
        if (config.tombstoneHandling() == DomainEventUnwrapConfig.TombstoneHandling.DROP) {
            return null;
        }
        Headers headers = record.headers().duplicate().addString(DomainEventHeaders.EVENT_TYPE, EventType.TOMBSTONE.label());
        return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
                record.valueSchema(), null, record.timestamp(), headers);
    }

    // Plain conditionals rather than ifPresent with a lambda per header: nine different lambdas at one call site
    // kept the JIT from inlining them, which showed in the benchmark's profile.
    private static void addSourceHeaders(Headers headers, SourceMetadata source) {
        addIfPresent(headers, DomainEventHeaders.SOURCE_CONNECTOR, source.connector());
        addIfPresent(headers, DomainEventHeaders.SOURCE_DATABASE, source.database());
        addIfPresent(headers, DomainEventHeaders.SOURCE_SCHEMA, source.schema());
        addIfPresent(headers, DomainEventHeaders.SOURCE_TABLE, source.table());
        addIfPresent(headers, DomainEventHeaders.SOURCE_TRANSACTION_ID, source.transactionId());
        if (source.lsn().isPresent()) {
            headers.addLong(DomainEventHeaders.SOURCE_LSN, source.lsn().getAsLong());
        }
        addIfPresent(headers, DomainEventHeaders.SOURCE_SCN, source.scn());
        addIfPresent(headers, DomainEventHeaders.SOURCE_COMMIT_SCN, source.commitScn());
        if (source.timestamp().isPresent()) {
            headers.addLong(DomainEventHeaders.SOURCE_TIMESTAMP, source.timestamp().get().toEpochMilli());
        }
    }

    private static void addIfPresent(Headers headers, String key, Optional<String> value) {
        if (value.isPresent()) {
            headers.addString(key, value.get());
        }
    }

    private Schema schemaWithBefore(Schema rowSchema) {
        Schema cached = withBeforeSchemas.get(rowSchema);
        if (cached != null) {
            return cached;
        }
        String beforeField = config.beforeField().orElseThrow();
        if (rowSchema.field(beforeField) != null) {
            throw new RecordRejectedException(RejectReason.MALFORMED_EVENT, DomainEventUnwrapConfig.BEFORE_FIELD,
                    "The row already has a field " + beforeField + "; choose another before.field");
        }
        SchemaBuilder builder = SchemaBuilder.struct().name(rowSchema.name()).version(rowSchema.version()).doc(rowSchema.doc());
        if (rowSchema.isOptional()) {
            builder.optional();
        }
        for (Field field : rowSchema.fields()) {
            builder.field(field.name(), field.schema());
        }
        // Debezium declares before/after optional, so the row schema can hold an absent before image as it is
        Schema schema = builder.field(beforeField, rowSchema).build();
        withBeforeSchemas.put(rowSchema, schema);
        return schema;
    }

    private Struct valueWithBefore(Schema schema, Struct state, Struct before) {
        Struct value = new Struct(schema);
        List<Field> rowFields = state.schema().fields();
        for (Field field : rowFields) {
            value.put(field.name(), state.get(field));
        }
        value.put(config.beforeField().orElseThrow(), before);
        return value;
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

}
