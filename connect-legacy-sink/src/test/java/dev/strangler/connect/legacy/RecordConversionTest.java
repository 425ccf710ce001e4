package dev.strangler.connect.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import dev.strangler.connect.legacy.event.ProjectionEvent;

class RecordConversionTest {

    private static final Schema LINE = SchemaBuilder.struct().name("Line")
            .field("amount", Decimal.schema(2)).build();
    private static final Schema VALUE = SchemaBuilder.struct().name("EndorsementApproved")
            .field("type", Schema.STRING_SCHEMA)
            .field("effective", org.apache.kafka.connect.data.Date.SCHEMA)
            .field("cutoff", Time.SCHEMA)
            .field("approvedAt", Timestamp.SCHEMA)
            .field("attachment", Schema.OPTIONAL_BYTES_SCHEMA)
            .field("lines", SchemaBuilder.array(LINE).build())
            .build();

    private static SinkRecord record(Object key, Schema valueSchema, Object value, ConnectHeaders headers) {
        return new SinkRecord("endorsements", 2, Schema.OPTIONAL_STRING_SCHEMA, key, valueSchema, value, 17L, 1_700_000_000_000L,
                TimestampType.CREATE_TIME, headers);
    }

    @Test
    void convertsAStructWithLogicalTypesIntoPlainImmutableValues() {
        Struct value = new Struct(VALUE)
                .put("type", "EndorsementApproved")
                .put("effective", Date.from(Instant.parse("2026-03-01T00:00:00Z")))
                .put("cutoff", Date.from(Instant.parse("1970-01-01T17:30:00Z")))
                .put("approvedAt", Date.from(Instant.parse("2026-02-27T09:15:00Z")))
                .put("attachment", ByteBuffer.wrap("pdf".getBytes(StandardCharsets.UTF_8)))
                .put("lines", List.of(new Struct(LINE).put("amount", new BigDecimal("10.50"))));
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString("eventType", "EndorsementApproved");

        ProjectionEvent event = new RecordConversion(EventTypeSource.parse("header:eventType")).toEvent(record("P-1", VALUE, value, headers));

        assertThat(event.position()).hasToString("endorsements-2@17");
        assertThat(event.eventType()).contains("EndorsementApproved");
        assertThat(event.key()).isEqualTo("P-1");
        assertThat(event.timestamp()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
        assertThat(event.value()).containsEntry("effective", LocalDate.of(2026, 3, 1))
                .containsEntry("cutoff", LocalTime.of(17, 30))
                .containsEntry("approvedAt", Instant.parse("2026-02-27T09:15:00Z"))
                .containsEntry("lines", List.of(Map.of("amount", new BigDecimal("10.50"))));
        assertThat((byte[]) event.value().get("attachment")).isEqualTo("pdf".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> event.value().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void readsTheEventTypeFromAFieldOrTheTopicAndSchemalessValues() {
        Map<String, Object> value = Map.of("meta", Map.of("type", "AddressChanged"));
        SinkRecord schemaless = record(null, null, value, new ConnectHeaders());
        assertThat(new RecordConversion(EventTypeSource.parse("field:meta.type")).toEvent(schemaless).eventType()).contains("AddressChanged");
        assertThat(new RecordConversion(EventTypeSource.parse("topic")).toEvent(schemaless).eventType()).contains("endorsements");
        assertThat(new RecordConversion(EventTypeSource.parse("header:eventType")).toEvent(schemaless).eventType()).isEmpty();
    }

    @Test
    void aTombstoneHasNoValueAndAScalarValueIsRefused() {
        ProjectionEvent tombstone = new RecordConversion(EventTypeSource.parse("topic")).toEvent(record("P-1", null, null, new ConnectHeaders()));
        assertThat(tombstone.isTombstone()).isTrue();
        assertThat(tombstone.eventType()).isEmpty();
        assertThatThrownBy(() -> new RecordConversion(EventTypeSource.parse("topic"))
                .toEvent(record("P-1", Schema.STRING_SCHEMA, "secret text", new ConnectHeaders())))
                .isInstanceOf(DataException.class)
                .hasMessage("The value of record endorsements-2@17 is not an object (struct or map)");
    }

    @Test
    void theEventTypeSourceIsValidated() {
        assertThatThrownBy(() -> EventTypeSource.parse("cookie:type")).hasMessage("use header:<name>, field:<dotted.path> or topic");
        assertThatThrownBy(() -> EventTypeSource.parse("header:")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventTypeSource.parse("field:a..b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eventTypesFromByteHeadersFollowEachRecord() {
        RecordConversion conversion = new RecordConversion(EventTypeSource.parse("header:eventType"));
        List<String> types = List.of("PolicyChanged", "PolicyChanged", "PolicyCancelled", "PolicyChanged");
        for (String type : types) {
            ConnectHeaders headers = new ConnectHeaders();
            headers.addBytes("eventType", type.getBytes(StandardCharsets.UTF_8));
            assertThat(conversion.toEvent(record("P-1", null, Map.of("id", 1), headers)).eventType()).contains(type);
        }
        ConnectHeaders none = new ConnectHeaders();
        assertThat(conversion.toEvent(record("P-1", null, Map.of("id", 1), none)).eventType()).isEmpty();
    }
}
