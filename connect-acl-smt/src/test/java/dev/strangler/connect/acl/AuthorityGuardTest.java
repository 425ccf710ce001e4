package dev.strangler.connect.acl;

import static dev.strangler.connect.acl.guard.EndorsementEvents.envelope;
import static dev.strangler.connect.acl.guard.EndorsementEvents.record;
import static dev.strangler.connect.acl.guard.EndorsementEvents.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.MetricValueProvider;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.strangler.connect.acl.guard.EndorsementEvents;
import dev.strangler.connect.acl.testing.OracleEvents;
import dev.strangler.connect.core.StranglerVersion;

class AuthorityGuardTest {

    /** AUTO/DE address changes move to the service, write ownership shifting at 2026-03-01T00:00:00Z. */
    static final String PLAN = """
            version: 1
            entities:
              endorsement:
                fields: [product_line, country, endorsement_type]
            scopes:
              - name: endorsements
                entity: endorsement
                effective:
                  - from: 2026-01-01T00:00:00Z
                    phase: mirror
                    system-of-record: legacy
                    write-authority: legacy
                    publisher: legacy
                    conflict: legacy-wins
              - name: auto-de-address
                entity: endorsement
                where: {product_line: AUTO, country: DE, endorsement_type: {prefix: ADDR}}
                effective:
                  - from: 2026-01-01T00:00:00Z
                    phase: 1
                    system-of-record: legacy
                    write-authority: legacy
                    publisher: legacy
                    conflict: legacy-wins
                  - from: 2026-03-01T00:00:00Z
                    phase: write-ownership-shifted
                    write-authority: service
                    publisher: service
                    conflict: service-wins
            """;

    static final Instant BEFORE_CUTOVER = Instant.parse("2026-02-28T23:59:59.999Z");
    static final Instant CUTOVER = Instant.parse("2026-03-01T00:00:00Z");
    static final String MARK = "strangler-connect";

    private final RegistryPluginMetrics registry = new RegistryPluginMetrics();
    private AuthorityGuard<SourceRecord> guard;

    static Map<String, String> config() {
        Map<String, String> config = new HashMap<>();
        config.put("migration.plan", PLAN);
        config.put("guard.tables", "public.endorsement=endorsement");
        config.put("guard.columns", "endorsement.product_line=prod_line_cd");
        config.put("guard.violation.topic", "endorsement.violations");
        config.put("quarantine.topic", "endorsement.quarantine");
        return config;
    }

    @BeforeEach
    void setUp() {
        guard = new AuthorityGuard<>();
        guard.configure(config());
        guard.withPluginMetrics(registry);
    }

    @AfterEach
    void tearDown() {
        guard.close();
    }

    enum Expect { PASS, DROP, VIOLATION }

    static Stream<Arguments> changes() {
        return Stream.of(
                Arguments.of("legacy insert in owned scope just before cutover", "c", null, row("AUTO", "DE", "ADDR_CHG", null),
                        "endorsement", BEFORE_CUTOVER, Expect.PASS, null),
                Arguments.of("legacy insert at cutover", "c", null, row("AUTO", "DE", "ADDR_CHG", null),
                        "endorsement", CUTOVER, Expect.VIOLATION, "legacy-write-without-write-authority"),
                Arguments.of("legacy insert, CHAR-padded values", "c", null, row("AUTO  ", "DE", "ADDR_CHG", null),
                        "endorsement", CUTOVER, Expect.VIOLATION, "legacy-write-without-write-authority"),
                Arguments.of("legacy insert in another country", "c", null, row("AUTO", "AT", "ADDR_CHG", null),
                        "endorsement", CUTOVER, Expect.PASS, null),
                Arguments.of("legacy insert of another type", "c", null, row("AUTO", "DE", "RATE_CHG", null),
                        "endorsement", CUTOVER, Expect.PASS, null),
                Arguments.of("nightly batch corrects a migrated address", "u", row("AUTO", "DE", "ADDR_CHG", null),
                        row("AUTO", "DE", "ADDR_CHG", null), "endorsement", CUTOVER.plusSeconds(3600), Expect.VIOLATION,
                        "legacy-write-without-write-authority"),
                Arguments.of("legacy update of a row the sink wrote", "u", row("AUTO", "DE", "ADDR_CHG", MARK),
                        row("AUTO", "DE", "ADDR_CHG", null), "endorsement", CUTOVER, Expect.VIOLATION,
                        "legacy-write-without-write-authority"),
                Arguments.of("legacy update moving a fact out of a migrated scope", "u", row("AUTO", "DE", "ADDR_CHG", null),
                        row("AUTO", "AT", "ADDR_CHG", null), "endorsement", CUTOVER, Expect.VIOLATION,
                        "legacy-write-without-write-authority"),
                Arguments.of("legacy update without before image", "u", null, row("AUTO", "DE", "ADDR_CHG", null),
                        "endorsement", CUTOVER, Expect.VIOLATION, "legacy-write-without-write-authority"),
                Arguments.of("legacy delete of a migrated fact", "d", row("AUTO", "DE", "ADDR_CHG", null), null,
                        "endorsement", CUTOVER, Expect.VIOLATION, "legacy-write-without-write-authority"),
                Arguments.of("legacy delete before cutover", "d", row("AUTO", "DE", "ADDR_CHG", null), null,
                        "endorsement", BEFORE_CUTOVER, Expect.PASS, null),
                Arguments.of("legacy truncate after cutover", "t", null, null, "endorsement", CUTOVER, Expect.VIOLATION,
                        "legacy-truncate-of-service-owned-scope"),
                Arguments.of("legacy truncate before cutover", "t", null, null, "endorsement", BEFORE_CUTOVER, Expect.PASS, null),
                Arguments.of("sink insert", "c", null, row("AUTO", "DE", "ADDR_CHG", MARK), "endorsement", CUTOVER, Expect.DROP, null),
                Arguments.of("sink update", "u", row("AUTO", "DE", "ADDR_CHG", null), row("AUTO", "DE", "ADDR_CHG", MARK),
                        "endorsement", CUTOVER, Expect.DROP, null),
                Arguments.of("sink delete after stamping (REPLICA IDENTITY FULL)", "d", row("AUTO", "DE", "ADDR_CHG", MARK), null,
                        "endorsement", CUTOVER, Expect.DROP, null),
                Arguments.of("sink insert into an unguarded table", "c", null, row("AUTO", "DE", "ADDR_CHG", MARK),
                        "endorsement_note", CUTOVER, Expect.DROP, null),
                Arguments.of("snapshot read of a migrated fact", "r", null, row("AUTO", "DE", "ADDR_CHG", null),
                        "endorsement", CUTOVER, Expect.PASS, null),
                Arguments.of("legacy insert into an unguarded table", "c", null, row("AUTO", "DE", "ADDR_CHG", null),
                        "endorsement_note", CUTOVER, Expect.PASS, null),
                Arguments.of("legacy insert before the plan begins", "c", null, row("AUTO", "DE", "ADDR_CHG", null),
                        "endorsement", Instant.parse("2025-12-31T23:59:59Z"), Expect.PASS, null));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("changes")
    void judgesEachLegacyChangeByTheAuthorityAtItsEventTime(String description, String op, Struct before, Struct after,
                                                          String table, Instant commitTime, Expect expect, String reason) {
        SourceRecord input = record(envelope(op, before, after, table, commitTime));

        SourceRecord output = guard.apply(input);

        switch (expect) {
            case PASS -> assertThat(output).isSameAs(input);
            case DROP -> assertThat(output).isNull();
            case VIOLATION -> {
                assertThat(output.topic()).isEqualTo("endorsement.violations");
                assertThat(output.kafkaPartition()).isNull();
                assertThat(output.keySchema()).isSameAs(input.keySchema());
                assertThat(output.key()).isEqualTo(input.key());
                assertThat(output.valueSchema()).isSameAs(input.valueSchema());
                assertThat(output.value()).isSameAs(input.value());
                assertThat(output.timestamp()).isEqualTo(input.timestamp());
                assertThat(output.sourcePartition()).isEqualTo(input.sourcePartition());
                assertThat(output.sourceOffset()).isEqualTo(input.sourceOffset());
                assertThat(headers(output)).containsExactlyInAnyOrderEntriesOf(Map.of(
                        "strangler.violation.scope", "auto-de-address",
                        "strangler.violation.phase", "3",
                        "strangler.violation.write.authority", "service",
                        "strangler.violation.reason", reason,
                        "strangler.violation.table", "public." + table,
                        "strangler.violation.txId", "4242",
                        "strangler.violation.operation", op,
                        "strangler.violation.event.time", commitTime.toString(),
                        "strangler.violation.effective.since", CUTOVER.toString()));
                assertThat(input.headers()).as("input headers untouched").isEmpty();
            }
        }
        assertThat(registry.value("authority-violations-total", Map.of("scope", "auto-de-address")))
                .isEqualTo(expect == Expect.VIOLATION ? 1.0 : 0.0);
        assertThat(registry.value("own-writes-dropped-total", Map.of())).isEqualTo(expect == Expect.DROP ? 1.0 : 0.0);
        assertThat(registry.value("records-passed-over-total", Map.of())).isEqualTo(expect == Expect.PASS ? 1.0 : 0.0);
        assertThat(registry.value("records-dropped-total", Map.of())).isEqualTo(expect == Expect.DROP ? 1.0 : 0.0);
        assertThat(registry.value("records-in-total", Map.of())).isEqualTo(1.0);
    }

    @Test
    void authorityFlipsAtTheSameEventTimeWhenTheGuardIsReconfiguredLater() {
        // A guard configured "after" the cutover on the wall clock still passes changes committed before it.
        AuthorityGuard<SourceRecord> reloaded = new AuthorityGuard<>();
        reloaded.configure(config());
        SourceRecord beforeCutover = record(envelope("c", null, row("AUTO", "DE", "ADDR_CHG", null), "endorsement", BEFORE_CUTOVER));
        SourceRecord atCutover = record(envelope("c", null, row("AUTO", "DE", "ADDR_CHG", null), "endorsement", CUTOVER));

        assertThat(reloaded.apply(beforeCutover)).isSameAs(beforeCutover);
        assertThat(reloaded.apply(atCutover).topic()).isEqualTo("endorsement.violations");
        reloaded.close();
    }

    @Test
    void oracleChangeEventsAreJudgedTheSameWay() {
        String plan = """
                version: 1
                entities:
                  claim: {fields: [status]}
                scopes:
                  - name: claims
                    entity: claim
                    effective:
                      - {from: "2026-01-01T00:00:00Z", phase: 1, system-of-record: legacy, write-authority: legacy,
                         publisher: legacy, conflict: legacy-wins}
                  - name: open-claims
                    entity: claim
                    where: {status: [OPN]}
                    effective:
                      - {from: "2026-11-01T00:00:00Z", phase: 3, system-of-record: legacy, write-authority: service,
                         publisher: service, conflict: service-wins}
                """;
        AuthorityGuard<SourceRecord> oracleGuard = new AuthorityGuard<>();
        oracleGuard.configure(Map.of("migration.plan", plan, "guard.tables", "legacy.claim=claim"));
        SourceRecord open = OracleEvents.record(OracleEvents.key("C-1"), OracleEvents.create(OracleEvents.row("C-1", "OPN", "Y")));
        SourceRecord closed = OracleEvents.record(OracleEvents.key("C-2"), OracleEvents.create(OracleEvents.row("C-2", "CLS", "Y")));

        SourceRecord violation = oracleGuard.apply(open);

        assertThat(violation.topic()).isEqualTo(AuthorityGuardConfig.DEFAULT_VIOLATION_TOPIC);
        assertThat(violation.value()).isSameAs(open.value());
        assertThat(headers(violation)).containsEntry("strangler.violation.scope", "open-claims")
                .containsEntry("strangler.violation.table", "LEGACY.CLAIM")
                .containsEntry("strangler.violation.txId", OracleEvents.TX_ID)
                .containsEntry("strangler.violation.event.time", OracleEvents.COMMIT_TIME.toString());
        assertThat(oracleGuard.apply(closed)).isSameAs(closed);
        oracleGuard.close();
    }

    @Test
    void tombstonesAndNonChangeEventsPassUnchanged() {
        SourceRecord tombstone = new SourceRecord(null, null, "legacy.public.endorsement", 0, Schema.STRING_SCHEMA, "7", null, null);
        Schema plain = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();
        SourceRecord notCdc = new SourceRecord(null, null, "other", 0, null, null, plain, new Struct(plain).put("id", 1));

        assertThat(guard.apply(tombstone)).isSameAs(tombstone);
        assertThat(guard.apply(notCdc)).isSameAs(notCdc);
    }

    @Test
    void changeEventThatCannotBeJudgedIsQuarantinedWithTheReason() {
        Schema source = SchemaBuilder.struct().field("schema", Schema.STRING_SCHEMA).field("table", Schema.STRING_SCHEMA).build();
        Schema envelopeSchema = SchemaBuilder.struct()
                .field("before", EndorsementEvents.ROW_SCHEMA)
                .field("after", EndorsementEvents.ROW_SCHEMA)
                .field("source", source).field("op", Schema.STRING_SCHEMA).build();
        Struct noSourceTime = new Struct(envelopeSchema).put("after", row("AUTO", "DE", "ADDR_CHG", null))
                .put("source", new Struct(source).put("schema", "public").put("table", "endorsement")).put("op", "c");
        Struct unknownOp = new Struct(envelopeSchema).put("after", row("AUTO", "DE", "ADDR_CHG", null))
                .put("source", new Struct(source).put("schema", "public").put("table", "endorsement")).put("op", "x");

        SourceRecord first = guard.apply(new SourceRecord(null, null, "legacy.public.endorsement", 0, envelopeSchema, noSourceTime));
        SourceRecord second = guard.apply(new SourceRecord(null, null, "legacy.public.endorsement", 0, envelopeSchema, unknownOp));

        assertThat(first.topic()).isEqualTo("endorsement.quarantine");
        assertThat(first.value()).isSameAs(noSourceTime);
        assertThat(headers(first)).containsEntry("acl.quarantined", "true")
                .containsEntry("acl.quarantine.transform", "AuthorityGuard")
                .containsEntry("acl.quarantine.rule", "source.ts_ms")
                .containsEntry("acl.quarantine.reason", "malformed-event")
                .containsEntry("acl.quarantine.original.topic", "legacy.public.endorsement");
        assertThat(second.topic()).isEqualTo("endorsement.quarantine");
        assertThat(headers(second)).containsEntry("acl.quarantine.rule", "envelope")
                .containsEntry("acl.quarantine.reason", "malformed-event");
        assertThat(headers(second).get("acl.quarantine.detail")).contains("'x'");
        assertThat(registry.value("records-quarantined-total", Map.of("reason", "malformed-event"))).isEqualTo(2.0);
    }

    @Test
    void recordAlreadyQuarantinedByAnEarlierTransformPassesUntouched() {
        SourceRecord input = record(envelope("c", null, row("AUTO", "DE", "ADDR_CHG", null), "endorsement", CUTOVER));
        input.headers().addBoolean("acl.quarantined", true);

        assertThat(guard.apply(input)).isSameAs(input);
    }

    @Test
    void configurationNamesTheKeyOfEachProblem() {
        Map<String, String> unknownEntity = config();
        unknownEntity.put("guard.tables", "public.endorsement=endorsment");
        assertThatThrownBy(() -> new AuthorityGuard<SourceRecord>().configure(unknownEntity))
                .isInstanceOf(ConfigException.class).hasMessageContaining("guard.tables").hasMessageContaining("no entity 'endorsment'");

        Map<String, String> unknownField = config();
        unknownField.put("guard.columns", "endorsement.line=prod_line_cd");
        assertThatThrownBy(() -> new AuthorityGuard<SourceRecord>().configure(unknownField))
                .isInstanceOf(ConfigException.class).hasMessageContaining("guard.columns").hasMessageContaining("no field 'line'");

        Map<String, String> badPlan = config();
        badPlan.put("migration.plan", PLAN.replace("write-authority: service", "write-authority: legacy"));
        Map<String, ConfigValue> results = new HashMap<>();
        AuthorityGuardConfig.CONFIG_DEF.validate(badPlan).forEach(v -> results.put(v.name(), v));
        assertThat(results.get("migration.plan").errorMessages()).singleElement().asString()
                .contains("scopes[1].effective[1].write-authority: legacy contradicts phase 3");

        Map<String, String> badShapes = config();
        badShapes.put("guard.tables", "public.endorsement");
        badShapes.put("guard.violation.topic", "violations topic");
        results.clear();
        AuthorityGuardConfig.CONFIG_DEF.validate(badShapes).forEach(v -> results.put(v.name(), v));
        assertThat(results.get("guard.tables").errorMessages()).singleElement().asString().contains("is not [schema.]table=entity");
        assertThat(results.get("guard.violation.topic").errorMessages()).singleElement().asString().contains("Not a legal topic name");
    }

    /**
     * Connect validates a transformation by embedding its ConfigDef under {@code transforms.<alias>.} (ConfigDef.embed)
     * and calling validateAll on the connector's whole config: the bindings' plan checks must arrive there, on the key
     * that is wrong, not only when configure() runs on a task.
     */
    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("bindingsThePlanDoesNotHave")
    void bindingsThePlanDoesNotHaveFailConnectsValidationOnTheirKey(String key, String value, String message) {
        Map<String, String> config = config();
        config.put(key, value);

        Map<String, List<String>> errors = validateAsConnectDoes(config);

        assertThat(errors).containsOnlyKeys("transforms.guard." + key);
        assertThat(errors.get("transforms.guard." + key)).singleElement().asString().contains(message);
    }

    static Stream<Arguments> bindingsThePlanDoesNotHave() {
        return Stream.of(
                Arguments.of("guard.tables", "public.endorsement=endorsment", "the plan has no entity 'endorsment' (entities: endorsement)"),
                Arguments.of("guard.tables", "public.endorsement=endorsement,policy=policy", "'policy=policy': the plan has no entity 'policy'"),
                Arguments.of("guard.columns", "endorsement.line=prod_line_cd", "entity 'endorsement' has no field 'line'"),
                Arguments.of("guard.columns", "claim.product_line=prod_line_cd", "the plan has no entity 'claim'"));
    }

    @Test
    void aValidGuardPassesConnectsValidation() {
        assertThat(validateAsConnectDoes(config())).isEmpty();
    }

    @Test
    void bindingsAreCheckedAgainstAPlanFileToo(@TempDir Path dir) throws IOException {
        Path plan = Files.writeString(dir.resolve("plan.yaml"), PLAN);
        Map<String, String> config = config();
        config.remove("migration.plan");
        config.put("migration.plan.file", plan.toString());
        assertThat(validateAsConnectDoes(config)).isEmpty();

        config.put("guard.tables", "public.endorsement=endorsment");
        assertThat(validateAsConnectDoes(config)).containsOnlyKeys("transforms.guard.guard.tables");
    }

    /** Each problem is reported once, by the key that owns it: no echo of a broken plan or a malformed entry on other keys. */
    @Test
    void aBrokenPlanOrAMalformedEntryIsReportedOnceOnItsOwnKey() {
        Map<String, String> badPlan = config();
        badPlan.put("migration.plan", PLAN.replace("write-authority: service", "write-authority: legacy"));
        badPlan.put("guard.tables", "public.endorsement=endorsment"); // cannot be judged without a valid plan
        assertThat(validateAsConnectDoes(badPlan)).containsOnlyKeys("transforms.guard.migration.plan");

        Map<String, String> noPlan = config();
        noPlan.remove("migration.plan");
        noPlan.put("guard.columns", "endorsement.line=prod_line_cd");
        assertThat(validateAsConnectDoes(noPlan)).doesNotContainKey("transforms.guard.guard.columns");

        Map<String, String> malformed = config();
        malformed.put("guard.tables", "public.endorsement");
        assertThat(validateAsConnectDoes(malformed)).containsOnlyKeys("transforms.guard.guard.tables");
        assertThat(validateAsConnectDoes(malformed).get("transforms.guard.guard.tables")).singleElement().asString()
                .contains("is not [schema.]table=entity");
    }

    /** The errors per key as a worker's config/validate reports them for a transformation with alias "guard". */
    private static Map<String, List<String>> validateAsConnectDoes(Map<String, String> guardConfig) {
        ConfigDef connector = new ConfigDef();
        connector.embed("transforms.guard.", "Transforms: guard", 0, AuthorityGuardConfig.CONFIG_DEF);
        Map<String, String> prefixed = new HashMap<>();
        guardConfig.forEach((key, value) -> prefixed.put("transforms.guard." + key, value));
        Map<String, List<String>> errors = new LinkedHashMap<>();
        connector.validateAll(prefixed).forEach((key, value) -> {
            if (!value.errorMessages().isEmpty()) {
                errors.put(key, value.errorMessages());
            }
        });
        return errors;
    }

    @Test
    void reportsTheBuildVersionAndItsConfig() {
        assertThat(guard.version()).isEqualTo(StranglerVersion.get());
        assertThat(guard.config().names()).contains("migration.plan", "migration.plan.file", "origin.marker.column",
                "origin.marker.value", "guard.tables", "guard.columns", "guard.violation.topic", "quarantine.topic");
    }

    private static Map<String, String> headers(SourceRecord record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), String.valueOf(header.value()));
        }
        return headers;
    }

    /** A PluginMetrics over a real Kafka {@link Metrics} registry, as the worker's implementation is. */
    static final class RegistryPluginMetrics implements PluginMetrics {
        final Metrics metrics = new Metrics();

        @Override
        public MetricName metricName(String name, String description, LinkedHashMap<String, String> tags) {
            return metrics.metricName(name, "plugins", description, tags);
        }

        @Override
        public void addMetric(MetricName metricName, MetricValueProvider<?> provider) {
            metrics.addMetric(metricName, provider);
        }

        @Override
        public void removeMetric(MetricName metricName) {
            metrics.removeMetric(metricName);
        }

        @Override
        public Sensor addSensor(String name) {
            return metrics.sensor(name);
        }

        @Override
        public void removeSensor(String name) {
            metrics.removeSensor(name);
        }

        /** The metric's value, or 0 when it was never registered (nothing counted). */
        double value(String name, Map<String, String> tags) {
            KafkaMetric metric = metrics.metric(metrics.metricName(name, "plugins", tags));
            return metric == null ? 0.0 : ((Number) metric.metricValue()).doubleValue();
        }
    }
}
