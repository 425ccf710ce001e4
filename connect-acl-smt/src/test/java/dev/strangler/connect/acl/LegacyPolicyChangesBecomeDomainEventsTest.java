package dev.strangler.connect.acl;

import static dev.strangler.connect.acl.testing.RecordAssertions.headers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.strangler.connect.acl.testing.PostgresEvents;
import dev.strangler.connect.core.identity.DomainIdentity;
import dev.strangler.connect.core.identity.NameBasedUuid;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A whole ACL chain, configured as a connector would configure it, on Debezium Postgres events of a legacy policy
 * table: every captured record comes out either as a domain event or quarantined, never lost, and a record
 * quarantined early passes the rest of the chain untouched.
 */
class LegacyPolicyChangesBecomeDomainEventsTest {

    private static final String CONTRACT = """
            {"type": "record", "name": "PolicyEvent", "namespace": "dev.example.policy", "fields": [
              {"name": "policyId", "type": "string"},
              {"name": "policyNumber", "type": "string"},
              {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["ACTIVE", "LAPSED"]}},
              {"name": "region", "type": ["null", "string"], "default": null},
              {"name": "active", "type": "boolean"},
              {"name": "premium", "type": {"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 2}}
            ]}
            """;

    private final List<Transformation<SourceRecord>> chain = new ArrayList<>();
    // One registry per transformation: PluginMetricsRecorder names sensors without the plugin's tags, so plugins
    // sharing one Metrics would share sensors (reported to the core owner; a worker shares one Metrics).
    private final Map<String, Metrics> metrics = new HashMap<>();

    private static Map<String, String> config(String... keyValues) {
        Map<String, String> config = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put(keyValues[i], keyValues[i + 1]);
        }
        return config;
    }

    private void add(Transformation<SourceRecord> transformation, String name, Map<String, String> config) {
        transformation.configure(config);
        Metrics registry = metrics.computeIfAbsent(name, n -> new Metrics());
        ((org.apache.kafka.common.metrics.Monitorable) transformation).withPluginMetrics(
                new PluginMetricsImpl(registry, Map.of("connector", "legacy-policy", "task", "0", "transformation", name)));
        chain.add(transformation);
    }

    @BeforeEach
    void buildChain() {
        add(new ValueTranslation.Value<>(), "status", config("fields", "after.status,before.status", "mapping", "A=ACTIVE,L=LAPSED"));
        add(new DomainEventUnwrap<>(), "unwrap", config("source.headers", "false"));
        add(new NormaliseTypes.Value<>(), "normalise", config("boolean.fields", "active_flag"));
        add(new SplitField.Value<>(), "region", config("field", "region_code", "positions", "0-1,1-", "into", "region,branch"));
        add(new Restructure.Value<>(), "shape", config("move", "policy_no:policyNumber,active_flag:active", "drop", "branch,start_date,updated_at"));
        add(new AssignDomainId<>(), "identity", config("key.fields", "policy_no", "namespace", "policy", "value.field", "policyId"));
        add(new Classify<>(), "classify", config("rules", "PolicyLapsed: value.status == 'LAPSED' && headers['acl.event.type'] == 'Changed'",
                "topic.format", "policy.${eventType}"));
        add(new EnforceContract<>(), "contract", config("contract.schema", CONTRACT));
    }

    @AfterEach
    void close() {
        chain.forEach(Transformation::close);
        metrics.values().forEach(Metrics::close);
    }

    private SourceRecord run(SourceRecord record) {
        SourceRecord current = record;
        for (Transformation<SourceRecord> transformation : chain) {
            if (current == null) {
                return null;
            }
            current = transformation.apply(current);
        }
        return current;
    }

    @Test
    void lapseBecomesAPolicyLapsedEventOnItsOwnTopic() {
        Struct before = PostgresEvents.row("P-1       ", "A", "N123", "Y");
        Struct after = PostgresEvents.row("P-1       ", "L", "N123", "N");

        SourceRecord out = run(PostgresEvents.record(PostgresEvents.key("P-1       "), PostgresEvents.update(before, after)));

        String id = NameBasedUuid.v5(DomainIdentity.namespace("policy"), "P-1").toString();
        Schema contract = SchemaBuilder.struct().name("dev.example.policy.PolicyEvent")
                .field("policyId", Schema.STRING_SCHEMA)
                .field("policyNumber", Schema.STRING_SCHEMA)
                .field("status", Schema.STRING_SCHEMA)
                .field("region", SchemaBuilder.string().optional().build())
                .field("active", Schema.BOOLEAN_SCHEMA)
                .field("premium", Decimal.builder(2).parameter("connect.decimal.precision", "10").build())
                .build();
        Schema keySchema = SchemaBuilder.struct().field("id", Schema.STRING_SCHEMA).build();
        assertThat(out.topic()).isEqualTo("policy.PolicyLapsed");
        assertThat(out.keySchema()).isEqualTo(keySchema);
        assertThat(out.key()).isEqualTo(new Struct(keySchema).put("id", id));
        assertThat(out.valueSchema()).isEqualTo(contract);
        assertThat(out.value()).isEqualTo(new Struct(contract).put("policyId", id).put("policyNumber", "P-1")
                .put("status", "LAPSED").put("region", "N").put("active", false).put("premium", new BigDecimal("1250.50")));
        assertThat(headers(out)).containsExactly(
                entry("acl.operation", "u"),
                entry("acl.backfill", false),
                entry("acl.changed.fields", "status,active_flag"),
                entry("acl.event.type", "PolicyLapsed"));
    }

    @Test
    void snapshotReadIsTaggedAsBackfill() {
        SourceRecord out = run(PostgresEvents.record(PostgresEvents.key("P-2"), PostgresEvents.read(PostgresEvents.row("P-2", "A", "S9", "Y"))));

        assertThat(out.topic()).isEqualTo("policy.SnapshotRead");
        assertThat(headers(out)).containsEntry("acl.backfill", true).containsEntry("acl.event.type", "SnapshotRead");
    }

    @Test
    void unknownStatusIsQuarantinedByTheFirstStepAndPassesTheRestUntouched() {
        SourceRecord in = PostgresEvents.record(PostgresEvents.key("P-3"), PostgresEvents.create(PostgresEvents.row("P-3", "Z", "N1", "Y")));

        SourceRecord out = run(in);

        assertThat(out.topic()).isEqualTo(PostgresEvents.TOPIC + ".quarantine");
        assertThat(out.key()).isEqualTo(in.key());
        assertThat(out.value()).isSameAs(in.value());
        assertThat(out.valueSchema()).isSameAs(in.valueSchema());
        assertThat(headers(out)).containsExactly(
                entry("acl.quarantined", true),
                entry("acl.quarantine.transform", "ValueTranslation"),
                entry("acl.quarantine.rule", "after.status"),
                entry("acl.quarantine.reason", "unknown-code"),
                entry("acl.quarantine.detail", "Unknown code 'Z' in field after.status"),
                entry("acl.quarantine.original.topic", PostgresEvents.TOPIC));
    }

    @Test
    void everyCapturedRecordIsTranslatedOrQuarantinedAndMetricsAddUp() {
        List<SourceRecord> captured = List.of(
                PostgresEvents.record(PostgresEvents.key("P-1"), PostgresEvents.create(PostgresEvents.row("P-1", "A", "N1", "Y"))),
                PostgresEvents.record(PostgresEvents.key("P-1"), PostgresEvents.update(
                        PostgresEvents.row("P-1", "A", "N1", "Y"), PostgresEvents.row("P-1", "L", "N1", "Y"))),
                PostgresEvents.record(PostgresEvents.key("P-2"), PostgresEvents.create(PostgresEvents.row("P-2", "Q", "N1", "Y"))),
                PostgresEvents.record(PostgresEvents.key("P-3"), PostgresEvents.create(PostgresEvents.row("P-3", "A", "N1", "X"))),
                PostgresEvents.record(PostgresEvents.key("P-4"), PostgresEvents.create(PostgresEvents.row("P-4", "A", "S77", "Y"))),
                PostgresEvents.record(PostgresEvents.key("P-1"), PostgresEvents.delete(PostgresEvents.row("P-1", "L", "N1", "Y"))),
                PostgresEvents.tombstone(PostgresEvents.key("P-1")));

        List<SourceRecord> outputs = captured.stream().map(this::run).toList();

        assertThat(outputs).doesNotContainNull();
        assertThat(outputs).extracting(SourceRecord::topic).containsExactly(
                "policy.Created", "policy.PolicyLapsed", PostgresEvents.TOPIC + ".quarantine",
                PostgresEvents.TOPIC + ".quarantine", "policy.Created", "policy.Deleted", "policy.Tombstone");
        assertThat(outputs.get(3).headers().lastWithName("acl.quarantine.reason").value()).isEqualTo("invalid-value");
        assertThat(outputs.get(4).headers().lastWithName("acl.quarantine.reason")).isNull();
        assertThat(((Struct) outputs.get(4).value()).get("region")).isEqualTo("S");

        assertThat(metric("records-in-total", "status")).isEqualTo(7.0);
        assertThat(metric("records-out-total", "status")).isEqualTo(5.0);         // translated envelopes
        assertThat(metric("records-passed-over-total", "status")).isEqualTo(1.0); // the tombstone
        assertThat(quarantined("status", "unknown-code")).isEqualTo(1.0);
        assertThat(metric("records-in-total", "normalise")).isEqualTo(7.0);
        assertThat(quarantined("normalise", "invalid-value")).isEqualTo(1.0);
        assertThat(metric("records-passed-over-total", "contract")).isEqualTo(3.0); // two quarantined and the tombstone
        assertThat(metric("values-translated-total", "status")).isEqualTo(6.0);
        long quarantinedTotal = outputs.stream().filter(r -> r.topic().endsWith(".quarantine")).count();
        long domainEvents = outputs.size() - quarantinedTotal;
        assertThat(domainEvents + quarantinedTotal).isEqualTo(captured.size());
    }

    @Test
    void metricsAreTaggedByTransformation() {
        run(PostgresEvents.record(PostgresEvents.key("P-1"), PostgresEvents.create(PostgresEvents.row("P-1", "A", "N1", "Y"))));

        MetricName name = metrics.get("identity").metrics().keySet().stream()
                .filter(m -> m.name().equals("records-in-total"))
                .findFirst().orElseThrow();
        assertThat(name.tags()).containsEntry("connector", "legacy-policy").containsEntry("task", "0")
                .containsEntry("transformation", "identity");
        assertThat(metric("records-out-total", "identity")).isEqualTo(1.0);
    }

    private double metric(String name, String transformation) {
        return metrics.get(transformation).metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals(name))
                .mapToDouble(e -> (Double) e.getValue().metricValue())
                .sum();
    }

    private double quarantined(String transformation, String reason) {
        return metrics.get(transformation).metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals("records-quarantined-total") && reason.equals(e.getKey().tags().get("reason")))
                .mapToDouble(e -> (Double) e.getValue().metricValue())
                .sum();
    }
}
