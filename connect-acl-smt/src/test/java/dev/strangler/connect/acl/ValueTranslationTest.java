package dev.strangler.connect.acl;

import static dev.strangler.connect.acl.testing.RecordAssertions.headers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.strangler.connect.acl.testing.OracleEvents;
import dev.strangler.connect.acl.testing.PostgresEvents;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValueTranslationTest {

    private static final String STATUS_TABLE = "A=ACTIVE, L=LAPSED, X=LAPSED";
    private static final Struct KEY = PostgresEvents.key("P-1       ");

    @TempDir
    Path dir;

    private final ValueTranslation<SourceRecord> translation = new ValueTranslation.Value<>();

    @AfterEach
    void close() {
        translation.close();
    }

    private static Map<String, String> config(String... keyValues) {
        Map<String, String> config = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put(keyValues[i], keyValues[i + 1]);
        }
        return config;
    }

    @Test
    void translatesBothImagesInsideTheEnvelope() {
        translation.configure(config("fields", "after.status,before.status", "mapping", STATUS_TABLE));
        Struct before = PostgresEvents.row("P-1       ", "A", "N123", "Y");
        Struct after = PostgresEvents.row("P-1       ", "X", "N123", "Y");
        SourceRecord in = PostgresEvents.record(KEY, PostgresEvents.update(before, after));

        SourceRecord out = translation.apply(in);

        Struct value = (Struct) out.value();
        assertThat(out.topic()).isEqualTo(PostgresEvents.TOPIC);
        assertThat(out.key()).isEqualTo(KEY);
        assertThat(out.keySchema()).isEqualTo(PostgresEvents.KEY_SCHEMA);
        assertThat(headers(out)).isEmpty();
        assertThat(out.valueSchema().name()).isEqualTo(PostgresEvents.ENVELOPE.schema().name());
        assertThat(value.getStruct("before").get("status")).isEqualTo("ACTIVE");
        assertThat(value.getStruct("after").get("status")).isEqualTo("LAPSED");
        assertThat(value.getStruct("after").get("region_code")).isEqualTo("N123");
        assertThat(value.get("op")).isEqualTo("u");
        assertThat(value.getStruct("source")).isSameAs(((Struct) in.value()).getStruct("source"));
        assertThat(translation.metrics().recorder().counter("values-translated", "").count()).isEqualTo(2);
    }

    @Test
    void translatesACreateWhoseBeforeIsAbsent() {
        translation.configure(config("fields", "after.status,before.status", "mapping", STATUS_TABLE));
        SourceRecord in = PostgresEvents.record(KEY, PostgresEvents.create(PostgresEvents.row("P-1", "L", "N1", "Y")));

        Struct value = (Struct) translation.apply(in).value();

        assertThat(value.get("before")).isNull();
        assertThat(value.getStruct("after").get("status")).isEqualTo("LAPSED");
    }

    @Test
    void translatesAnUnwrappedRowAndTrimsCharPadding() {
        translation.configure(config("fields", "APPROVED", "mapping", "Y=APPROVED,N=PENDING"));
        Schema schema = SchemaBuilder.struct().field("APPROVED", Schema.STRING_SCHEMA).field("NO", Schema.INT32_SCHEMA).build();
        SourceRecord in = new SourceRecord(null, null, "claims", 0, null, null, schema, new Struct(schema).put("APPROVED", "Y  ").put("NO", 1));

        SourceRecord out = translation.apply(in);

        Schema expected = SchemaBuilder.struct().field("APPROVED", Schema.STRING_SCHEMA).field("NO", Schema.INT32_SCHEMA).build();
        assertThat(out.valueSchema()).isEqualTo(expected);
        assertThat(out.value()).isEqualTo(new Struct(expected).put("APPROVED", "APPROVED").put("NO", 1));
    }

    @Test
    void translatesOracleNumberCodes() {
        translation.configure(config("fields", "after.COUNTER", "mapping", "42=ANSWER"));
        SourceRecord in = OracleEvents.record(OracleEvents.key("C-1"), OracleEvents.create(OracleEvents.row("C-1", "OPN", "Y")));

        SourceRecord out = translation.apply(in);

        Struct after = ((Struct) out.value()).getStruct("after");
        assertThat(after.schema().field("COUNTER").schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
        assertThat(after.get("COUNTER")).isEqualTo("ANSWER");
        assertThat(after.get("AMOUNT")).isEqualTo(new java.math.BigDecimal("1999.95"));
    }

    @Test
    void unknownCodeIsQuarantinedWithTheOriginalRecordAndCounted() {
        translation.configure(config("fields", "after.status", "mapping", STATUS_TABLE));
        SourceRecord in = PostgresEvents.record(KEY, PostgresEvents.create(PostgresEvents.row("P-1", "Q", "N1", "Y")));

        SourceRecord out = translation.apply(in);

        assertThat(out.topic()).isEqualTo("legacy.public.policy.quarantine");
        assertThat(out.key()).isEqualTo(KEY);
        assertThat(out.value()).isSameAs(in.value());
        assertThat(out.valueSchema()).isSameAs(in.valueSchema());
        assertThat(out.kafkaPartition()).isNull();
        assertThat(headers(out)).containsExactly(
                entry("acl.quarantined", true),
                entry("acl.quarantine.transform", "ValueTranslation"),
                entry("acl.quarantine.rule", "after.status"),
                entry("acl.quarantine.reason", "unknown-code"),
                entry("acl.quarantine.detail", "Unknown code 'Q' in field after.status"),
                entry("acl.quarantine.original.topic", PostgresEvents.TOPIC));
        assertThat(translation.metrics().recorder().counter("unknown-codes", "", Map.of("field", "after.status")).count()).isEqualTo(1);
        assertThat(translation.metrics().recorder().counter("records-quarantined", "", Map.of("reason", "unknown-code")).count()).isEqualTo(1);
        assertThat(translation.apply(out)).isSameAs(out);
    }

    @ParameterizedTest
    @CsvSource({"pass-through, Q", "default, UNKNOWN"})
    void unknownCodeCanPassThroughOrDefault(String policy, String expected) {
        translation.configure(config("fields", "after.status", "mapping", STATUS_TABLE, "unknown.policy", policy,
                "unknown.default", "UNKNOWN"));
        SourceRecord in = PostgresEvents.record(KEY, PostgresEvents.create(PostgresEvents.row("P-1", "Q", "N1", "Y")));

        SourceRecord out = translation.apply(in);

        assertThat(out.topic()).isEqualTo(PostgresEvents.TOPIC);
        assertThat(((Struct) out.value()).getStruct("after").get("status")).isEqualTo(expected);
        assertThat(translation.metrics().recorder().counter("unknown-codes", "", Map.of("field", "after.status")).count()).isEqualTo(1);
    }

    @Test
    void unknownCodeFailsTheTaskWhenThePolicySaysFail() {
        translation.configure(config("fields", "after.status", "mapping", STATUS_TABLE, "unknown.policy", "fail"));
        SourceRecord in = PostgresEvents.record(KEY, PostgresEvents.create(PostgresEvents.row("P-1", "Q", "N1", "Y")));

        assertThatThrownBy(() -> translation.apply(in)).isInstanceOf(DataException.class)
                .hasMessage("ValueTranslation: Unknown code 'Q' in field after.status and unknown.policy is fail");
    }

    @Test
    void pathTheSchemaLacksQuarantinesTheRecord() {
        translation.configure(config("fields", "after.state", "mapping", STATUS_TABLE));
        SourceRecord in = PostgresEvents.record(KEY, PostgresEvents.create(PostgresEvents.row("P-1", "A", "N1", "Y")));

        SourceRecord out = translation.apply(in);

        assertThat(headers(out)).containsEntry("acl.quarantine.reason", "schema-mismatch")
                .containsEntry("acl.quarantine.rule", "after.state")
                .containsEntry("acl.quarantine.detail", "The configuration does not fit the record schema "
                        + "legacy.public.policy.Envelope: no field after.state");
    }

    @Test
    void fieldThatHoldsNoCodesIsASchemaMismatch() {
        translation.configure(config("fields", "after.start_date", "mapping", STATUS_TABLE));
        SourceRecord in = PostgresEvents.record(KEY, PostgresEvents.create(PostgresEvents.row("P-1", "A", "N1", "Y")));

        assertThat(headers(translation.apply(in))).containsEntry("acl.quarantine.detail", "The configuration does not fit "
                + "the record schema legacy.public.policy.Envelope: field after.start_date has logical type io.debezium.time.Date, which holds no codes");
    }

    @Test
    void tombstonesPassUntouched() {
        translation.configure(config("fields", "after.status", "mapping", STATUS_TABLE));
        SourceRecord tombstone = PostgresEvents.tombstone(KEY);

        assertThat(translation.apply(tombstone)).isSameAs(tombstone);
    }

    @Test
    void keyVariantTranslatesKeyFields() {
        ValueTranslation<SourceRecord> keyTranslation = new ValueTranslation.Key<>();
        keyTranslation.configure(config("fields", "policy_no", "mapping", "P-1=POL-0001"));
        SourceRecord in = PostgresEvents.record(KEY, PostgresEvents.create(PostgresEvents.row("P-1", "A", "N1", "Y")));

        SourceRecord out = keyTranslation.apply(in);

        assertThat(out.key()).isEqualTo(new Struct(out.keySchema()).put("policy_no", "POL-0001"));
        assertThat(out.keySchema().name()).isEqualTo("legacy.public.policy.Key");
        assertThat(out.value()).isSameAs(in.value());
        keyTranslation.close();
    }

    @Test
    void mappingFileIsLoaded() throws IOException {
        Path file = Files.writeString(dir.resolve("status.yaml"), "values:\n  A: ACTIVE\n  L: LAPSED\n");
        translation.configure(config("fields", "after.status", "mapping.file", file.toString()));
        SourceRecord in = PostgresEvents.record(KEY, PostgresEvents.create(PostgresEvents.row("P-1", "L", "N1", "Y")));

        assertThat(((Struct) translation.apply(in).value()).getStruct("after").get("status")).isEqualTo("LAPSED");
    }

    @Test
    void validationMessagesNameTheKeyAndTheEntry() {
        Map<String, ConfigValue> results = validate(config("fields", "after..status", "mapping", "A=ACTIVE,,L=LAPSED",
                "mapping.file", "relative.json", "unknown.policy", "ignore"));

        assertThat(results.get("fields").errorMessages()).containsExactly(
                "Invalid value [after..status] for configuration fields: field path 'after..status' has an empty segment");
        assertThat(results.get("mapping").errorMessages()).containsExactly(
                "Invalid value A=ACTIVE,,L=LAPSED for configuration mapping: entry 2: is empty (two commas in a row, or a trailing comma?)");
        assertThat(results.get("mapping.file").errorMessages()).containsExactly(
                "Invalid value relative.json for configuration mapping.file: Use an absolute path: workers resolve relative paths differently");
        assertThat(results.get("unknown.policy").errorMessages()).singleElement().asString()
                .contains("unknown.policy").contains("[fail, quarantine, pass-through, default]");
        assertThat(validate(config()).get("fields").errorMessages()).containsExactly(
                "Missing required configuration \"fields\" which has no default value.");
    }

    @Test
    void crossFieldRulesFailConfigureNamingTheKey() {
        assertThatThrownBy(() -> translation.configure(config("fields", "status")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mapping")
                .hasMessageContaining("Set exactly one of mapping and mapping.file");
        assertThatThrownBy(() -> translation.configure(config("fields", "status", "mapping", "A=ACTIVE", "unknown.policy", "default")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown.default").hasMessageContaining("Set a default value");
        Path missing = dir.resolve("missing.json");
        assertThatThrownBy(() -> translation.configure(config("fields", "status", "mapping.file", missing.toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mapping.file").hasMessageContaining("does not exist");
    }

    private static Map<String, ConfigValue> validate(Map<String, String> config) {
        Map<String, ConfigValue> results = new HashMap<>();
        List<ConfigValue> values = ValueTranslation.CONFIG_DEF.validate(config);
        values.forEach(v -> results.put(v.name(), v));
        return results;
    }
}
