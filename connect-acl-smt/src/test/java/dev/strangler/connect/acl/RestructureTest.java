package dev.strangler.connect.acl;

import static dev.strangler.connect.acl.testing.RecordAssertions.headers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.strangler.connect.acl.testing.PostgresEvents;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RestructureTest {

    private static final Struct ROW = PostgresEvents.row("P-1", "A", "N123", "Y");

    private final Restructure<SourceRecord> restructure = new Restructure.Value<>();

    @AfterEach
    void close() {
        restructure.close();
    }

    @Test
    void dropsRenamesAndNestsIntoTheDomainShape() {
        restructure.configure(Map.of(
                "drop", "updated_at",
                "move", "policy_no:policyNumber, status:state.code, premium:terms.premium, start_date:terms.startsOn"));

        SourceRecord out = restructure.apply(PostgresEvents.rowRecord(ROW));

        Schema terms = SchemaBuilder.struct()
                .field("premium", Decimal.builder(2).optional().parameter("connect.decimal.precision", "10").build())
                .field("startsOn", io.debezium.time.Date.builder().optional().build())
                .build();
        Schema state = SchemaBuilder.struct().field("code", Schema.OPTIONAL_STRING_SCHEMA).build();
        Schema expected = SchemaBuilder.struct().name("legacy.public.policy.Value").optional()
                .field("region_code", Schema.OPTIONAL_STRING_SCHEMA)
                .field("active_flag", Schema.OPTIONAL_STRING_SCHEMA)
                .field("policyNumber", Schema.STRING_SCHEMA)
                .field("state", state)
                .field("terms", terms)
                .build();
        assertThat(out.valueSchema()).isEqualTo(expected);
        assertThat(out.value()).isEqualTo(new Struct(expected)
                .put("region_code", "N123")
                .put("active_flag", "Y")
                .put("policyNumber", "P-1")
                .put("state", new Struct(state).put("code", "A"))
                .put("terms", new Struct(terms).put("premium", new java.math.BigDecimal("1250.50")).put("startsOn", 20_000)));
        assertThat(out.key()).isEqualTo(PostgresEvents.key("P-1"));
        assertThat(out.topic()).isEqualTo(PostgresEvents.TOPIC);
        assertThat(headers(out)).isEmpty();
    }

    @Test
    void unnestMovesAStructsFieldsUp() {
        restructure.configure(Map.of("unnest", "after"));
        SourceRecord in = PostgresEvents.record(PostgresEvents.key("P-1"), PostgresEvents.create(ROW));

        SourceRecord out = restructure.apply(in);

        Struct value = (Struct) out.value();
        assertThat(out.valueSchema().field("after")).isNull();
        assertThat(out.valueSchema().fields()).extracting(f -> f.name()).containsExactly(
                "before", "source", "op", "ts_ms", "ts_us", "ts_ns", "transaction",
                "policy_no", "status", "region_code", "active_flag", "premium", "start_date", "updated_at");
        assertThat(value.get("status")).isEqualTo("A");
        assertThat(value.get("op")).isEqualTo("c");
    }

    @Test
    void worksInsideTheEnvelopeOnBothImages() {
        restructure.configure(Map.of("move", "after.status:after.state, before.status:before.state"));
        SourceRecord in = PostgresEvents.record(PostgresEvents.key("P-1"), PostgresEvents.create(ROW));

        Struct value = (Struct) restructure.apply(in).value();

        assertThat(value.get("before")).isNull();
        assertThat(value.getStruct("after").get("state")).isEqualTo("A");
        assertThat(value.getStruct("after").schema().field("status")).isNull();
    }

    @Test
    void missingPathQuarantines() {
        restructure.configure(Map.of("drop", "nothing.here"));

        SourceRecord out = restructure.apply(PostgresEvents.rowRecord(ROW));

        assertThat(out.topic()).isEqualTo(PostgresEvents.TOPIC + ".quarantine");
        assertThat(headers(out)).containsEntry("acl.quarantine.transform", "Restructure")
                .containsEntry("acl.quarantine.reason", "schema-mismatch")
                .containsEntry("acl.quarantine.rule", "nothing.here");
    }

    @Test
    void tombstonePassesAndKeyVariantWorksOnKeys() {
        restructure.configure(Map.of("move", "status:state"));
        SourceRecord tombstone = PostgresEvents.tombstone(PostgresEvents.key("P-1"));
        assertThat(restructure.apply(tombstone)).isSameAs(tombstone);

        Restructure<SourceRecord> keys = new Restructure.Key<>();
        keys.configure(Map.of("move", "policy_no:policyNumber"));
        SourceRecord out = keys.apply(PostgresEvents.rowRecord(ROW));
        assertThat(((Struct) out.key()).get("policyNumber")).isEqualTo("P-1");
        assertThat(out.value()).isSameAs(ROW);
        keys.close();
    }

    @Test
    void configErrorsNameTheKey() {
        Map<String, ConfigValue> results = new HashMap<>();
        Restructure.CONFIG_DEF.validate(Map.of("move", "a:b,c", "drop", "x..y")).forEach(v -> results.put(v.name(), v));

        assertThat(results.get("move").errorMessages()).containsExactly(
                "Invalid value c for configuration move: Write each entry as from:to, e.g. city:address.city");
        assertThat(results.get("drop").errorMessages()).containsExactly(
                "Invalid value [x..y] for configuration drop: field path 'x..y' has an empty segment");
        assertThatThrownBy(() -> restructure.configure(Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("Configure at least one of drop, move and unnest");
        assertThat(List.of(results.get("unnest").errorMessages())).containsExactly(List.of());
    }
}
