package dev.strangler.connect.outbox.shape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.strangler.connect.core.sql.TableName;
import dev.strangler.connect.outbox.model.OutboxPayload;
import dev.strangler.connect.outbox.model.OutboxPosition;
import dev.strangler.connect.outbox.model.OutboxRow;

class OutboxEventShaperTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private static final TableName TABLE = TableName.parse("public.outbox");
    private static final long CREATED = 1_764_000_000_000L;

    private final AtomicInteger malformedTraces = new AtomicInteger();

    static OutboxRow row(String aggregateType, String aggregateId, String type, String payload, String tracing) {
        Map<String, String> additional = new LinkedHashMap<>();
        additional.put("tenant_id", "t-1");
        additional.put("region", null);
        return new OutboxRow(TABLE, new OutboxPosition(731, "e-1"), aggregateType, aggregateId, type,
                Optional.ofNullable(payload).map(OutboxPayload::text), Optional.of(CREATED), Optional.of("3"),
                Optional.ofNullable(tracing), additional);
    }

    private OutboxEventShaper shaper(PayloadFormat format, MetadataPlacement placement, List<AdditionalColumn> additional) {
        return new OutboxEventShaper(TopicRouter.of("outbox.event.${aggregatetype}"), format, placement, true, additional,
                Optional.of("outbox.errors"), malformedTraces::incrementAndGet);
    }

    private static Map<String, Object> headers(SourceRecord record) {
        Map<String, Object> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value());
        }
        return headers;
    }

    @Test
    void headerPlacementPublishesThePayloadWithMetadataInHeaders() throws BadRowException {
        SourceRecord record = shaper(PayloadFormat.EXPANDED, MetadataPlacement.HEADER,
                List.of(AdditionalColumn.parse("tenant_id:header:tenant"), AdditionalColumn.parse("region:header")))
                .toRecord(row("Order", "o-17", "OrderCreated", "{\"total\":12}", TRACEPARENT));

        assertThat(record.topic()).isEqualTo("outbox.event.Order");
        assertThat(record.kafkaPartition()).isNull();
        assertThat(record.keySchema()).isEqualTo(Schema.STRING_SCHEMA);
        assertThat(record.key()).isEqualTo("o-17");
        assertThat(((Struct) record.value()).getInt64("total")).isEqualTo(12L);
        assertThat(record.timestamp()).isEqualTo(CREATED);
        assertThat(record.sourcePartition()).isEqualTo(Map.of("outbox.table", "public.outbox"));
        assertThat(record.sourceOffset()).isEqualTo(Map.of("xid", 731L, "id", "e-1"));
        Map<String, Object> headers = headers(record);
        assertThat(headers.keySet()).containsExactly("id", "eventType", "aggregateType", "eventTimestamp", "schemaVersion", "tenant",
                "region", "traceparent");
        assertThat(headers.values()).containsExactly("e-1", "OrderCreated", "Order", new Date(CREATED), "3", "t-1", null, TRACEPARENT);
    }

    @Test
    void envelopePlacementWrapsThePayload() throws BadRowException {
        SourceRecord record = shaper(PayloadFormat.EXPANDED, MetadataPlacement.ENVELOPE,
                List.of(AdditionalColumn.parse("tenant_id:envelope:tenant"), AdditionalColumn.parse("region:header")))
                .toRecord(row("Order", "o-17", "OrderCreated", "{\"total\":12}", TRACEPARENT));

        Struct envelope = (Struct) record.value();
        assertThat(envelope.getString("id")).isEqualTo("e-1");
        assertThat(envelope.getString("type")).isEqualTo("OrderCreated");
        assertThat(envelope.getString("aggregatetype")).isEqualTo("Order");
        assertThat(envelope.getString("aggregateid")).isEqualTo("o-17");
        assertThat(envelope.get("timestamp")).isEqualTo(new Date(CREATED));
        assertThat(envelope.getString("schemaversion")).isEqualTo("3");
        assertThat(envelope.getString("tenant")).isEqualTo("t-1");
        assertThat(envelope.getStruct("payload").getInt64("total")).isEqualTo(12L);
        assertThat(envelope.schema().field("payload").schema().isOptional()).isTrue();
        envelope.validate();
        assertThat(headers(record)).containsOnlyKeys("region", "traceparent");
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            HEADER
            ENVELOPE
            """)
    void nullPayloadIsATombstone(MetadataPlacement placement) throws BadRowException {
        SourceRecord record = shaper(PayloadFormat.EXPANDED, placement, List.of()).toRecord(row("Order", "o-17", "OrderDeleted", null, null));

        if (placement == MetadataPlacement.HEADER) {
            assertThat(record.value()).isNull();
            assertThat(record.valueSchema()).isNull();
        } else {
            assertThat(((Struct) record.value()).get("payload")).isNull();
        }
        assertThat(record.key()).isEqualTo("o-17");
    }

    @Test
    void stringAndBytesFormatsPassThePayloadThroughUnparsed() throws BadRowException {
        String notJson = "{not json";
        SourceRecord asString = shaper(PayloadFormat.STRING, MetadataPlacement.HEADER, List.of()).toRecord(row("Order", "1", "T", notJson, null));
        SourceRecord asBytes = shaper(PayloadFormat.BYTES, MetadataPlacement.HEADER, List.of()).toRecord(row("Order", "1", "T", notJson, null));

        assertThat(asString.valueSchema()).isEqualTo(Schema.STRING_SCHEMA);
        assertThat(asString.value()).isEqualTo(notJson);
        assertThat(asBytes.valueSchema()).isEqualTo(Schema.BYTES_SCHEMA);
        assertThat((byte[]) asBytes.value()).isEqualTo(notJson.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            no aggregate type | NULL  | o-1  | T    | {}        | MISSING_COLUMN | the aggregate type column is NULL
            no aggregate id   | Order | NULL | T    | {}        | MISSING_COLUMN | the aggregate id column is NULL
            no event type     | Order | o-1  | NULL | {}        | MISSING_COLUMN | the event type column is NULL
            invalid json      | Order | o-1  | T    | {"a":     | INVALID_JSON   | payload is not valid JSON
            illegal topic     | a b   | o-1  | T    | {}        | INVALID_TOPIC  | does not make a legal topic name
            """)
    void rowsThatCannotBecomeEventsAreBadRows(String name, String aggregateType, String aggregateId, String type, String payload,
                                              BadRowReason reason, String message) {
        assertThatThrownBy(() -> shaper(PayloadFormat.EXPANDED, MetadataPlacement.HEADER, List.of())
                .toRecord(row(aggregateType, aggregateId, type, payload, null)))
                .isInstanceOf(BadRowException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((BadRowException) e).reason()).isEqualTo(reason));
    }

    @Test
    void errorRecordCarriesTheRawPayloadTheReasonAndThePosition() {
        OutboxRow bad = row("Order", "o-17", "OrderCreated", "{\"a\":", TRACEPARENT);
        SourceRecord record = shaper(PayloadFormat.EXPANDED, MetadataPlacement.HEADER, List.of())
                .toErrorRecord(bad, new BadRowException(BadRowReason.INVALID_JSON, "payload is not valid JSON (line 1, column 6)"));

        assertThat(record.topic()).isEqualTo("outbox.errors");
        assertThat(record.key()).isEqualTo("o-17");
        assertThat(record.value()).isEqualTo("{\"a\":");
        assertThat(record.sourceOffset()).isEqualTo(Map.of("xid", 731L, "id", "e-1"));
        assertThat(headers(record)).containsEntry("outbox.error.reason", "invalid-json")
                .containsEntry("outbox.error.message", "payload is not valid JSON (line 1, column 6)")
                .containsEntry("outbox.error.table", "public.outbox")
                .containsEntry("outbox.error.position", "731/e-1")
                .containsEntry("id", "e-1")
                .containsEntry("traceparent", TRACEPARENT);
    }

    @Test
    void malformedTraceContextIsDroppedAndCountedNotABadRow() throws BadRowException {
        SourceRecord record = shaper(PayloadFormat.EXPANDED, MetadataPlacement.HEADER, List.of())
                .toRecord(row("Order", "o-17", "OrderCreated", "{}", "not-a-traceparent"));

        assertThat(headers(record)).doesNotContainKey("traceparent");
        assertThat(malformedTraces).hasValue(1);
    }
}
