package dev.strangler.connect.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import dev.strangler.connect.reconcile.stream.RecordOrigin;
import dev.strangler.connect.reconcile.stream.SourceRow;

class SourceRowReaderTest {

    private static final Schema ROW = SchemaBuilder.struct().name("legacy.policy.Value")
            .field("id", Schema.INT64_SCHEMA)
            .field("holder", Schema.OPTIONAL_STRING_SCHEMA)
            .field("premium", Decimal.builder(2).optional().build())
            .field("updated", SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp").optional().build())
            .field("born", SchemaBuilder.int32().name("io.debezium.time.Date").optional().build())
            .field("changed", Timestamp.builder().optional().build())
            .field("rate", SchemaBuilder.struct().name("io.debezium.data.VariableScaleDecimal").optional()
                    .field("scale", Schema.INT32_SCHEMA).field("value", Schema.BYTES_SCHEMA).build())
            .build();

    private static final Schema ENVELOPE = SchemaBuilder.struct().name("legacy.policy.Envelope")
            .field("before", ROW.schema().isOptional() ? ROW : SchemaBuilder.struct().name("legacy.policy.Value").optional()
                    .field("id", Schema.INT64_SCHEMA).build())
            .field("after", optional())
            .field("op", Schema.STRING_SCHEMA)
            .build();

    private static Schema optional() {
        SchemaBuilder builder = SchemaBuilder.struct().name("legacy.policy.Value").optional();
        ROW.fields().forEach(f -> builder.field(f.name(), f.schema()));
        return builder.build();
    }

    private static Struct row(Schema schema) {
        Struct rate = new Struct(schema.field("rate").schema()).put("scale", 3).put("value", BigInteger.valueOf(12345).toByteArray());
        return new Struct(schema)
                .put("id", 7L)
                .put("holder", "Ann")
                .put("premium", new BigDecimal("10.50"))
                .put("updated", 1_772_360_130_123_456L)
                .put("born", 3773)
                .put("changed", java.util.Date.from(Instant.parse("2026-03-01T10:15:30.123Z")))
                .put("rate", rate);
    }

    private final SourceRowReader reader = new SourceRowReader(List.of("id"));

    @Test
    void readsLogicalTypesAsWhatTheyMean() {
        SinkRecord record = new SinkRecord("legacy.policy", 2, null, null, ROW, row(ROW), 41);

        SourceRow row = reader.read(record).orElseThrow();

        assertThat(row.keyValues()).containsExactly(new BigDecimal(7));
        assertThat(row.origin()).isEqualTo(new RecordOrigin("legacy.policy", 2, 41));
        assertThat(row.fields()).containsEntry("holder", "Ann")
                .containsEntry("premium", new BigDecimal("10.50"))
                .containsEntry("updated", Instant.parse("2026-03-01T10:15:30.123456Z"))
                .containsEntry("born", LocalDate.of(1980, 5, 1))
                .containsEntry("changed", Instant.parse("2026-03-01T10:15:30.123Z"))
                .containsEntry("rate", new BigDecimal("12.345"));
    }

    @Test
    void unwrapsADebeziumChangeEventToItsAfterState() {
        Struct envelope = new Struct(ENVELOPE).put("after", row(ENVELOPE.field("after").schema())).put("op", "u");

        SourceRow row = reader.read(new SinkRecord("t", 0, null, null, ENVELOPE, envelope, 1)).orElseThrow();

        assertThat(row.fields()).containsEntry("holder", "Ann");
    }

    @Test
    void theEventTimeIsTheSourceCommitTimeElseTheRecordTimestamp() {
        Map<String, Object> envelope = new HashMap<>();
        envelope.put("op", "u");
        envelope.put("after", Map.of("id", 1, "holder", "Ann"));
        envelope.put("source", Map.of("ts_ms", 1_772_360_130_000L));
        envelope.put("ts_ms", 1_772_360_131_000L);

        assertThat(reader.read(new SinkRecord("t", 0, null, null, null, envelope, 1, 1_772_360_132_000L,
                org.apache.kafka.common.record.TimestampType.CREATE_TIME)).orElseThrow().eventTime())
                .isEqualTo(Instant.ofEpochMilli(1_772_360_130_000L));
        assertThat(reader.read(new SinkRecord("t", 0, null, null, null, Map.of("id", 1), 1, 1_772_360_132_000L,
                org.apache.kafka.common.record.TimestampType.CREATE_TIME)).orElseThrow().eventTime())
                .isEqualTo(Instant.ofEpochMilli(1_772_360_132_000L));
        assertThat(reader.read(new SinkRecord("t", 0, null, null, null, Map.of("id", 1), 1)).orElseThrow().eventTime()).isNull();
    }

    @Test
    void deletesAndTombstonesHaveNothingToCompare() {
        Struct delete = new Struct(ENVELOPE).put("op", "d");

        assertThat(reader.read(new SinkRecord("t", 0, null, null, ENVELOPE, delete, 1))).isEmpty();
        assertThat(reader.read(new SinkRecord("t", 0, null, null, null, null, 2))).isEmpty();
    }

    @Test
    void schemalessValuesAndKeysFromTheRecordKey() {
        Map<String, Object> value = new HashMap<>();
        value.put("holder", "Ann");
        value.put("premium", 10.5d);

        SourceRow row = reader.read(new SinkRecord("t", 0, null, Map.of("id", 9), null, value, 1)).orElseThrow();

        assertThat(row.keyValues()).containsExactly(new BigDecimal(9));
        assertThat(row.fields()).containsEntry("premium", new BigDecimal("10.5"));
        assertThat(reader.read(new SinkRecord("t", 0, Schema.INT64_SCHEMA, 9L, null, value, 1)).orElseThrow().keyValues())
                .containsExactly(new BigDecimal(9));
    }

    @Test
    void keysAreBroughtToTheKeyColumnsKindOrRejectedAlone() {
        SourceRowReader typed = new SourceRowReader(List.of("id", "code"),
                List.of(dev.strangler.connect.reconcile.lookup.KeyKind.NUMBER, dev.strangler.connect.reconcile.lookup.KeyKind.TEXT));

        assertThat(typed.read(new SinkRecord("t", 0, null, null, null, Map.of("id", " 42", "code", 7), 1)).orElseThrow().keyValues())
                .containsExactly(new BigDecimal("42"), "7");
        assertThatThrownBy(() -> typed.read(new SinkRecord("t", 0, null, null, null, Map.of("id", "P-42x", "code", "a"), 1)))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessage("Key field 'id' is not a number, as the key column requires");
    }

    @Test
    void aRecordWithoutItsKeyIsMalformedAndTheMessageCarriesNoValue() {
        Map<String, Object> value = Map.of("holder", "Secret Person");

        assertThatThrownBy(() -> reader.read(new SinkRecord("t", 0, null, null, null, value, 1)))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessage("Key field 'id' is missing or null in the record value and key");
        assertThatThrownBy(() -> reader.read(new SinkRecord("t", 0, null, null, Schema.STRING_SCHEMA, "Secret Person", 1)))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageNotContaining("Secret");
    }
}
