package dev.strangler.connect.acl;

import static dev.strangler.connect.acl.testing.RecordAssertions.headers;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.strangler.connect.acl.testing.OracleEvents;
import dev.strangler.connect.acl.testing.PostgresEvents;
import dev.strangler.connect.core.identity.DomainIdentity;
import dev.strangler.connect.core.identity.NameBasedUuid;

import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AssignDomainIdTest {

    private static final UUID POLICY = DomainIdentity.namespace("policy");
    private static final String P1_ID = NameBasedUuid.v5(POLICY, "P-1").toString();

    private final AssignDomainId<SourceRecord> assign = new AssignDomainId<>();

    @AfterEach
    void close() {
        assign.close();
    }

    private static Map<String, String> config(String... keyValues) {
        Map<String, String> config = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put(keyValues[i], keyValues[i + 1]);
        }
        return config;
    }

    @Test
    void replacesThePaddedLegacyKeyByTheDomainId() {
        assign.configure(config("key.fields", "policy_no", "namespace", "policy", "value.field", "policyId"));
        Struct row = PostgresEvents.row("P-1       ", "A", "N1", "Y");
        SourceRecord in = new SourceRecord(null, null, PostgresEvents.TOPIC, 3, PostgresEvents.KEY_SCHEMA,
                PostgresEvents.key("P-1       "), PostgresEvents.ROW_SCHEMA, row, 1234L);

        SourceRecord out = assign.apply(in);

        Schema keySchema = SchemaBuilder.struct().field("id", Schema.STRING_SCHEMA).build();
        assertThat(out.topic()).isEqualTo(PostgresEvents.TOPIC);
        assertThat(out.kafkaPartition()).isNull();
        assertThat(out.timestamp()).isEqualTo(1234L);
        assertThat(out.keySchema()).isEqualTo(keySchema);
        assertThat(out.key()).isEqualTo(new Struct(keySchema).put("id", P1_ID));
        Struct value = (Struct) out.value();
        assertThat(out.valueSchema().field("policyId").schema()).isEqualTo(Schema.STRING_SCHEMA);
        assertThat(value.get("policyId")).isEqualTo(P1_ID);
        assertThat(value.get("status")).isEqualTo("A");
        assertThat(headers(out)).isEmpty();
    }

    @Test
    void deletesAndTombstonesOfTheSameAggregateGetTheSameKey() {
        assign.configure(config("key.fields", "policy_no", "namespace", "policy", "key.format", "string"));

        SourceRecord delete = assign.apply(PostgresEvents.record(PostgresEvents.key("P-1"), PostgresEvents.delete(PostgresEvents.row("P-1", "A", "N1", "Y"))));
        SourceRecord tombstone = assign.apply(PostgresEvents.tombstone(PostgresEvents.key("P-1   ")));

        assertThat(delete.keySchema()).isEqualTo(Schema.STRING_SCHEMA);
        assertThat(delete.key()).isEqualTo(P1_ID);
        assertThat(tombstone.key()).isEqualTo(P1_ID);
        assertThat(tombstone.value()).isNull();
    }

    @Test
    void compositeKeyFromTheOracleValue() {
        assign.configure(config("key.fields", "after.CLAIM_NO,after.COUNTER", "key.source", "value",
                "namespace", "0f14d0ab-9605-4a62-a9e4-5ed26688389b"));

        SourceRecord out = assign.apply(OracleEvents.record(OracleEvents.key("C-9"), OracleEvents.create(OracleEvents.row("C-9", "OPN", "Y"))));

        UUID expected = NameBasedUuid.v5(UUID.fromString("0f14d0ab-9605-4a62-a9e4-5ed26688389b"), "C-9|42");
        assertThat(((Struct) out.key()).get("id")).isEqualTo(expected.toString());
        assertThat(out.value()).isInstanceOf(Struct.class);
    }

    @Test
    void nullKeyColumnIsQuarantined() {
        assign.configure(config("key.fields", "region_code", "key.source", "value", "namespace", "policy"));
        SourceRecord in = PostgresEvents.rowRecord(PostgresEvents.row("P-1", "A", null, "Y"));

        SourceRecord out = assign.apply(in);

        assertThat(out.key()).isSameAs(in.key());
        assertThat(headers(out)).containsEntry("acl.quarantine.transform", "AssignDomainId")
                .containsEntry("acl.quarantine.rule", "key.fields")
                .containsEntry("acl.quarantine.reason", "identity")
                .containsEntry("acl.quarantine.detail", "key column region_code is null");
    }

    @Test
    void tombstoneIsQuarantinedWhenTheKeyComesFromTheValue() {
        assign.configure(config("key.fields", "policy_no", "key.source", "value", "namespace", "policy"));

        SourceRecord out = assign.apply(PostgresEvents.tombstone(PostgresEvents.key("P-1")));

        assertThat(headers(out)).containsEntry("acl.quarantine.reason", "identity")
                .containsEntry("acl.quarantine.detail", "The record value is null, so the legacy key fields cannot be read");
    }

    @Test
    void configErrorsNameTheKey() {
        Map<String, ConfigValue> results = new HashMap<>();
        AssignDomainId.CONFIG_DEF.validate(config("namespace", " ", "value.field", "a..b", "key.format", "uuid"))
                .forEach(v -> results.put(v.name(), v));

        assertThat(results.get("key.fields").errorMessages()).containsExactly(
                "Missing required configuration \"key.fields\" which has no default value.");
        assertThat(results.get("namespace").errorMessages()).containsExactly(
                "Invalid value  for configuration namespace: Set a UUID or an aggregate name such as 'policy'");
        assertThat(results.get("value.field").errorMessages()).containsExactly(
                "Invalid value a..b for configuration value.field: field path 'a..b' has an empty segment");
        assertThat(results.get("key.format").errorMessages()).singleElement().asString().contains("key.format");
        assertThat(List.of(results.get("key.source").errorMessages())).containsExactly(List.of());
    }
}
