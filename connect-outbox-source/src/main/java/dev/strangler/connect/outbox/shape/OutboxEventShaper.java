package dev.strangler.connect.outbox.shape;

import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;

import dev.strangler.connect.outbox.model.OutboxOffsets;
import dev.strangler.connect.outbox.model.OutboxPayload;
import dev.strangler.connect.outbox.model.OutboxRow;

/**
 * Makes the Kafka record of an outbox row: topic from the aggregate type, key = aggregate id (so every event of one
 * aggregate lands in one partition, in order), value = the payload (expanded, string or bytes) alone or inside an
 * envelope, metadata in headers or envelope fields, the W3C trace context in headers, the record timestamp from
 * the event's timestamp column, and the row's position as the source offset.
 *
 * <p>A row whose payload column is NULL becomes a tombstone (null value), as with Debezium's EventRouter, so a
 * service can compact away an aggregate.
 */
public final class OutboxEventShaper {

    public static final String EVENT_ID_HEADER = "id";
    public static final String EVENT_TYPE_HEADER = "eventType";
    public static final String AGGREGATE_TYPE_HEADER = "aggregateType";
    public static final String TIMESTAMP_HEADER = "eventTimestamp";
    public static final String SCHEMA_VERSION_HEADER = "schemaVersion";

    public static final String ENVELOPE_ID = "id";
    public static final String ENVELOPE_TYPE = "type";
    public static final String ENVELOPE_AGGREGATE_TYPE = "aggregatetype";
    public static final String ENVELOPE_AGGREGATE_ID = "aggregateid";
    public static final String ENVELOPE_TIMESTAMP = "timestamp";
    public static final String ENVELOPE_SCHEMA_VERSION = "schemaversion";
    public static final String ENVELOPE_PAYLOAD = "payload";

    public static final String ERROR_REASON_HEADER = "outbox.error.reason";
    public static final String ERROR_MESSAGE_HEADER = "outbox.error.message";
    public static final String ERROR_TABLE_HEADER = "outbox.error.table";
    public static final String ERROR_POSITION_HEADER = "outbox.error.position";

    private final TopicRouter router;
    private final PayloadFormat payloadFormat;
    private final MetadataPlacement placement;
    private final boolean hasSchemaVersion;
    private final List<AdditionalColumn> additional;
    private final Optional<String> errorTopic;
    private final Runnable malformedTraceContext;
    private final JsonPayloadExpander expander = new JsonPayloadExpander();

    /**
     * @param hasSchemaVersion whether the layout has a schema version column (the envelope then has the field)
     * @param malformedTraceContext told about each tracing value that is not a valid W3C trace context
     */
    public OutboxEventShaper(TopicRouter router, PayloadFormat payloadFormat, MetadataPlacement placement, boolean hasSchemaVersion,
                             List<AdditionalColumn> additional, Optional<String> errorTopic, Runnable malformedTraceContext) {
        this.router = router;
        this.payloadFormat = payloadFormat;
        this.placement = placement;
        this.hasSchemaVersion = hasSchemaVersion;
        this.additional = List.copyOf(additional);
        this.errorTopic = errorTopic;
        this.malformedTraceContext = malformedTraceContext;
    }

    /** @throws BadRowException when the row lacks a required value, its payload is not JSON, or its topic is illegal */
    public SourceRecord toRecord(OutboxRow row) throws BadRowException {
        String aggregateType = require(row.aggregateType(), "aggregate type");
        String aggregateId = require(row.aggregateId(), "aggregate id");
        String eventType = require(row.eventType(), "event type");
        String topic = router.route(aggregateType);
        // Inside an envelope the payload is an optional field (a tombstone event has none).
        SchemaAndValue payload = payloadOf(row.payload(), placement == MetadataPlacement.ENVELOPE);

        ConnectHeaders headers = new ConnectHeaders();
        SchemaAndValue value;
        if (placement == MetadataPlacement.HEADER) {
            headers.addString(EVENT_ID_HEADER, row.eventId());
            headers.addString(EVENT_TYPE_HEADER, eventType);
            headers.addString(AGGREGATE_TYPE_HEADER, aggregateType);
            row.timestampMillis().ifPresent(millis -> headers.addTimestamp(TIMESTAMP_HEADER, new Date(millis)));
            row.schemaVersion().ifPresent(version -> headers.addString(SCHEMA_VERSION_HEADER, version));
            value = payload;
        } else {
            value = envelope(row, aggregateType, aggregateId, eventType, payload);
        }
        for (AdditionalColumn column : additional) {
            if (column.placement() == MetadataPlacement.HEADER) {
                headers.addString(column.name(), row.additional().get(column.column().name()));
            }
        }
        addTraceContext(row, headers);
        return new SourceRecord(OutboxOffsets.partition(row.table()), OutboxOffsets.offset(row.position()),
                topic, null, Schema.STRING_SCHEMA, aggregateId, value.schema(), value.value(),
                row.timestampMillis().orElse(null), headers);
    }

    /**
     * The record that takes a bad row to the error topic: the raw payload as a string, the aggregate id as key when
     * there is one, and the reason in headers. It carries the row's position, so publishing it moves the offset on.
     */
    public SourceRecord toErrorRecord(OutboxRow row, BadRowException problem) {
        String topic = errorTopic.orElseThrow(() -> new IllegalStateException("no error topic configured"));
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(ERROR_REASON_HEADER, problem.reason().code());
        headers.addString(ERROR_MESSAGE_HEADER, problem.getMessage());
        headers.addString(ERROR_TABLE_HEADER, row.table().toString());
        headers.addString(ERROR_POSITION_HEADER, row.position().toString());
        headers.addString(EVENT_ID_HEADER, row.eventId());
        if (row.eventType() != null) {
            headers.addString(EVENT_TYPE_HEADER, row.eventType());
        }
        if (row.aggregateType() != null) {
            headers.addString(AGGREGATE_TYPE_HEADER, row.aggregateType());
        }
        addTraceContext(row, headers);
        return new SourceRecord(OutboxOffsets.partition(row.table()), OutboxOffsets.offset(row.position()),
                topic, null, Schema.OPTIONAL_STRING_SCHEMA, row.aggregateId(),
                Schema.OPTIONAL_STRING_SCHEMA, row.payload().map(OutboxPayload::asText).orElse(null),
                row.timestampMillis().orElse(null), headers);
    }

    private SchemaAndValue payloadOf(Optional<OutboxPayload> payload, boolean optional) throws BadRowException {
        if (payload.isEmpty()) {
            return SchemaAndValue.NULL;
        }
        switch (payloadFormat) {
            case EXPANDED:
                return expander.expand(payload.get().asText(), optional);
            case STRING:
                return new SchemaAndValue(optional ? Schema.OPTIONAL_STRING_SCHEMA : Schema.STRING_SCHEMA, payload.get().asText());
            case BYTES:
                return new SchemaAndValue(optional ? Schema.OPTIONAL_BYTES_SCHEMA : Schema.BYTES_SCHEMA, payload.get().asBytes());
            default:
                throw new IllegalStateException("unknown payload format " + payloadFormat);
        }
    }

    private SchemaAndValue envelope(OutboxRow row, String aggregateType, String aggregateId, String eventType, SchemaAndValue payload) {
        SchemaBuilder builder = SchemaBuilder.struct()
                .field(ENVELOPE_ID, Schema.STRING_SCHEMA)
                .field(ENVELOPE_TYPE, Schema.STRING_SCHEMA)
                .field(ENVELOPE_AGGREGATE_TYPE, Schema.STRING_SCHEMA)
                .field(ENVELOPE_AGGREGATE_ID, Schema.STRING_SCHEMA)
                .field(ENVELOPE_TIMESTAMP, Timestamp.builder().optional().build());
        if (hasSchemaVersion) {
            builder.field(ENVELOPE_SCHEMA_VERSION, Schema.OPTIONAL_STRING_SCHEMA);
        }
        builder.field(ENVELOPE_PAYLOAD, payload.schema() != null ? payload.schema() : payloadFieldSchemaForTombstone());
        for (AdditionalColumn column : additional) {
            if (column.placement() == MetadataPlacement.ENVELOPE) {
                builder.field(column.name(), Schema.OPTIONAL_STRING_SCHEMA);
            }
        }
        Schema schema = builder.build();
        Struct struct = new Struct(schema)
                .put(ENVELOPE_ID, row.eventId())
                .put(ENVELOPE_TYPE, eventType)
                .put(ENVELOPE_AGGREGATE_TYPE, aggregateType)
                .put(ENVELOPE_AGGREGATE_ID, aggregateId)
                .put(ENVELOPE_TIMESTAMP, row.timestampMillis().map(Date::new).orElse(null))
                .put(ENVELOPE_PAYLOAD, payload.value());
        if (hasSchemaVersion) {
            struct.put(ENVELOPE_SCHEMA_VERSION, row.schemaVersion().orElse(null));
        }
        for (AdditionalColumn column : additional) {
            if (column.placement() == MetadataPlacement.ENVELOPE) {
                struct.put(column.name(), row.additional().get(column.column().name()));
            }
        }
        return new SchemaAndValue(schema, struct);
    }

    /** The envelope of a tombstone event (NULL payload) declares the payload as the format's optional type. */
    private Schema payloadFieldSchemaForTombstone() {
        return payloadFormat == PayloadFormat.BYTES ? Schema.OPTIONAL_BYTES_SCHEMA : Schema.OPTIONAL_STRING_SCHEMA;
    }

    private void addTraceContext(OutboxRow row, ConnectHeaders headers) {
        if (row.tracing().isEmpty()) {
            return;
        }
        Optional<TraceContext> context = TraceContext.parse(row.tracing().get());
        if (context.isEmpty()) {
            malformedTraceContext.run();
            return;
        }
        headers.addString(TraceContext.TRACEPARENT_HEADER, context.get().traceparent());
        context.get().tracestate().ifPresent(state -> headers.addString(TraceContext.TRACESTATE_HEADER, state));
    }

    private static String require(String value, String what) throws BadRowException {
        if (value == null) {
            throw new BadRowException(BadRowReason.MISSING_COLUMN, "the " + what + " column is NULL");
        }
        return value;
    }
}
