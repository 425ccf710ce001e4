package dev.strangler.connect.acl;

import static dev.strangler.connect.acl.testing.RecordAssertions.headers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import dev.strangler.connect.acl.testing.PostgresEvents;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnforceContractTest {

    private static final String CONTRACT = """
            {"type": "record", "name": "PolicyEvent", "namespace": "dev.example.policy", "fields": [
              {"name": "policyNumber", "type": "string"},
              {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["ACTIVE", "LAPSED"]}},
              {"name": "premium", "type": {"type": "bytes", "logicalType": "decimal", "precision": 12, "scale": 3}},
              {"name": "startsOn", "type": ["null", {"type": "int", "logicalType": "date"}], "default": null},
              {"name": "revision", "type": "long"},
              {"name": "channel", "type": "string", "default": "legacy"}
            ]}
            """;

    private static final Schema DOMAIN_ROW = SchemaBuilder.struct().name("row")
            .field("policyNumber", Schema.STRING_SCHEMA)
            .field("status", Schema.OPTIONAL_STRING_SCHEMA)
            .field("premium", Decimal.builder(2).optional().build())
            .field("startsOn", Date.builder().optional().build())
            .field("revision", Schema.INT32_SCHEMA)
            .field("internal_note", Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    @TempDir
    Path dir;

    private final EnforceContract<SourceRecord> enforce = new EnforceContract<>();

    @AfterEach
    void close() {
        enforce.close();
    }

    private static Struct row(String status) {
        return new Struct(DOMAIN_ROW).put("policyNumber", "P-1").put("status", status)
                .put("premium", new BigDecimal("1250.50")).put("startsOn", java.util.Date.from(Instant.parse("2024-10-04T00:00:00Z")))
                .put("revision", 7).put("internal_note", "do not publish");
    }

    private static SourceRecord record(Struct value) {
        return new SourceRecord(null, null, "policy.events", 0, Schema.STRING_SCHEMA, "id-1", value.schema(), value);
    }

    @Test
    void outputHasExactlyTheContractSchema() {
        enforce.configure(Map.of("contract.schema", CONTRACT));

        SourceRecord out = enforce.apply(record(row("LAPSED")));

        Schema expected = SchemaBuilder.struct().name("dev.example.policy.PolicyEvent")
                .field("policyNumber", Schema.STRING_SCHEMA)
                .field("status", Schema.STRING_SCHEMA)
                .field("premium", Decimal.builder(3).parameter("connect.decimal.precision", "12").build())
                .field("startsOn", Date.builder().optional().build())
                .field("revision", Schema.INT64_SCHEMA)
                .field("channel", SchemaBuilder.string().defaultValue("legacy").build())
                .build();
        assertThat(out.valueSchema()).isEqualTo(expected);
        assertThat(out.value()).isEqualTo(new Struct(expected)
                .put("policyNumber", "P-1").put("status", "LAPSED").put("premium", new BigDecimal("1250.500"))
                .put("startsOn", java.util.Date.from(Instant.parse("2024-10-04T00:00:00Z")))
                .put("revision", 7L).put("channel", "legacy"));
        assertThat(out.topic()).isEqualTo("policy.events");
        assertThat(out.key()).isEqualTo("id-1");
        assertThat(headers(out)).isEmpty();
    }

    @Test
    void valuesThatDoNotFitAreQuarantinedNamingTheField() {
        enforce.configure(Map.of("contract.schema", CONTRACT));

        SourceRecord unknownSymbol = enforce.apply(record(row("PENDING")));
        SourceRecord missingStatus = enforce.apply(record(row(null)));

        assertThat(unknownSymbol.topic()).isEqualTo("policy.events.quarantine");
        assertThat(headers(unknownSymbol)).containsEntry("acl.quarantine.transform", "EnforceContract")
                .containsEntry("acl.quarantine.rule", "status")
                .containsEntry("acl.quarantine.reason", "contract-violation")
                .containsEntry("acl.quarantine.detail", "field status is not one of the contract's symbols [ACTIVE, LAPSED]");
        assertThat(headers(missingStatus)).containsEntry("acl.quarantine.detail",
                "field status is null but the contract requires a value");
    }

    @Test
    void schemaThatCannotFitQuarantinesEveryRecordOfIt() {
        enforce.configure(Map.of("contract.schema", CONTRACT));
        Schema wrong = SchemaBuilder.struct().field("policyNumber", Schema.INT64_SCHEMA).build();

        SourceRecord out = enforce.apply(record(new Struct(wrong).put("policyNumber", 1L)));

        assertThat(headers(out)).containsEntry("acl.quarantine.rule", "policyNumber")
                .containsEntry("acl.quarantine.detail", "field policyNumber has type INT64 but the contract needs STRING");
    }

    @Test
    void extraFieldsCanBeAViolation() {
        enforce.configure(Map.of("contract.schema", CONTRACT, "extra.fields", "quarantine"));

        assertThat(headers(enforce.apply(record(row("ACTIVE"))))).containsEntry("acl.quarantine.detail",
                "fields [internal_note] are not in the contract");
    }

    @Test
    void unwrappedLegacyRowWithoutRequiredFieldIsQuarantinedAndTombstonesPass() {
        enforce.configure(Map.of("contract.schema", CONTRACT));

        SourceRecord out = enforce.apply(PostgresEvents.rowRecord(PostgresEvents.row("P-1", "A", "N1", "Y")));
        SourceRecord tombstone = PostgresEvents.tombstone(PostgresEvents.key("P-1"));

        assertThat(headers(out)).containsEntry("acl.quarantine.detail",
                "the record has no field policyNumber, which the contract requires");
        assertThat(enforce.apply(tombstone)).isSameAs(tombstone);
    }

    @Test
    void contractFromAFile() throws IOException {
        Path avsc = Files.writeString(dir.resolve("policy.avsc"), CONTRACT);
        enforce.configure(Map.of("contract.file", avsc.toString()));

        assertThat(enforce.apply(record(row("ACTIVE"))).valueSchema().name()).isEqualTo("dev.example.policy.PolicyEvent");
    }

    @Test
    void unsupportedContractsAreValidationErrorsNamingKeyAndField() {
        String micros = "{\"type\": \"record\", \"name\": \"E\", \"fields\": [{\"name\": \"at\", "
                + "\"type\": {\"type\": \"long\", \"logicalType\": \"timestamp-micros\"}}]}";
        Map<String, ConfigValue> results = new HashMap<>();
        EnforceContract.CONFIG_DEF.validate(Map.of("contract.schema", micros, "contract.file", "relative.avsc"))
                .forEach(v -> results.put(v.name(), v));

        assertThat(results.get("contract.schema").errorMessages()).singleElement().asString()
                .contains("contract.schema").contains("field at: logical type timestamp-micros is not supported");
        assertThat(results.get("contract.file").errorMessages()).singleElement().asString()
                .contains("contract.file").contains("absolute path");
        assertThatThrownBy(() -> enforce.configure(Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("Set exactly one of contract.file and contract.schema");
        assertThatThrownBy(() -> enforce.configure(Map.of("contract.schema", "{\"type\": \"string\"}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("contract.schema")
                .hasMessageContaining("the contract must be an Avro record, not STRING");
    }
}
