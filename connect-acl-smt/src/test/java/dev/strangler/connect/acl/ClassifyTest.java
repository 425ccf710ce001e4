package dev.strangler.connect.acl;

import static dev.strangler.connect.acl.testing.RecordAssertions.headers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.HashMap;
import java.util.Map;

import dev.strangler.connect.acl.testing.OracleEvents;
import dev.strangler.connect.acl.testing.PostgresEvents;

import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClassifyTest {

    private static final String RULES = "PolicyLapsed: value.status == 'L' && headers['acl.event.type'] == 'Changed'; "
            + "PolicyActivated: value.status == 'A' && value.active_flag == true";

    private final DomainEventUnwrap<SourceRecord> unwrap = new DomainEventUnwrap<>();
    private final NormaliseTypes<SourceRecord> normalise = new NormaliseTypes.Value<>();
    private final Classify<SourceRecord> classify = new Classify<>();

    @AfterEach
    void close() {
        unwrap.close();
        normalise.close();
        classify.close();
    }

    private static Map<String, String> config(String... keyValues) {
        Map<String, String> config = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put(keyValues[i], keyValues[i + 1]);
        }
        return config;
    }

    private SourceRecord chain(SourceRecord record) {
        return classify.apply(normalise.apply(unwrap.apply(record)));
    }

    private void configure(String... classifyConfig) {
        unwrap.configure(config("source.headers", "false"));
        normalise.configure(config("boolean.fields", "active_flag"));
        classify.configure(config(classifyConfig));
    }

    @Test
    void classifiesAndRoutesByEventType() {
        configure("rules", RULES, "topic.format", "policy.${eventType}");
        Struct before = PostgresEvents.row("P-1", "A", "N1", "Y");
        Struct after = PostgresEvents.row("P-1", "L", "N1", "Y");

        SourceRecord out = chain(PostgresEvents.record(PostgresEvents.key("P-1"), PostgresEvents.update(before, after)));

        assertThat(out.topic()).isEqualTo("policy.PolicyLapsed");
        assertThat(out.kafkaPartition()).isNull();
        assertThat(out.key()).isEqualTo(PostgresEvents.key("P-1"));
        assertThat(((Struct) out.value()).get("status")).isEqualTo("L");
        assertThat(((Struct) out.value()).get("active_flag")).isEqualTo(true);
        assertThat(headers(out)).containsExactly(
                entry("acl.operation", "u"),
                entry("acl.backfill", false),
                entry("acl.changed.fields", "status"),
                entry("acl.event.type", "PolicyLapsed"));
    }

    @Test
    void unmatchedKeepsItsTypeAndTopicFollowsIt() {
        configure("rules", RULES, "topic.format", "policy.${eventType}");

        SourceRecord out = chain(PostgresEvents.record(PostgresEvents.key("P-1"),
                PostgresEvents.create(PostgresEvents.row("P-1", "C", "N1", "N"))));

        assertThat(out.topic()).isEqualTo("policy.Created");
        assertThat(headers(out)).containsEntry("acl.event.type", "Created");
    }

    @Test
    void unmatchedCanBeQuarantined() {
        configure("rules", RULES, "unmatched", "quarantine");
        SourceRecord unwrapped = normalise.apply(unwrap.apply(PostgresEvents.record(PostgresEvents.key("P-1"),
                PostgresEvents.create(PostgresEvents.row("P-1", "C", "N1", "N")))));

        SourceRecord out = classify.apply(unwrapped);

        assertThat(out.topic()).isEqualTo(PostgresEvents.TOPIC + ".quarantine");
        assertThat(out.value()).isSameAs(unwrapped.value());
        assertThat(headers(out)).containsEntry("acl.quarantine.transform", "Classify")
                .containsEntry("acl.quarantine.rule", "rules")
                .containsEntry("acl.quarantine.reason", "unclassified");
    }

    @Test
    void conditionThatCannotBeEvaluatedQuarantinesNamingTheRule() {
        configure("rules", "Regional: value.region_code.startsWith('N')");

        SourceRecord out = chain(PostgresEvents.record(PostgresEvents.key("P-1"),
                PostgresEvents.create(PostgresEvents.row("P-1", "A", null, "Y"))));

        assertThat(headers(out)).containsEntry("acl.quarantine.rule", "Regional")
                .containsEntry("acl.quarantine.reason", "invalid-value");
        assertThat(headers(out).get("acl.quarantine.detail").toString())
                .startsWith("The condition of rule Regional cannot be evaluated: ").contains("region_code");
    }

    @Test
    void classifiesOracleEnvelopesDirectly() {
        classify.configure(config("rules", "ClaimOpened: value.op == 'c' && value.after.STATUS == 'OPN' && value.after.AMOUNT > 1000.0"));

        SourceRecord out = classify.apply(OracleEvents.record(OracleEvents.key("C-1"), OracleEvents.create(OracleEvents.row("C-1", "OPN", "Y"))));

        assertThat(out.topic()).isEqualTo(OracleEvents.TOPIC);
        assertThat(headers(out)).containsExactly(entry("acl.event.type", "ClaimOpened"));
    }

    @Test
    void tombstonesAreNotClassifiedButFollowTheirEventTypesTopic() {
        classify.configure(config("rules", RULES, "unmatched", "quarantine"));
        SourceRecord tombstone = PostgresEvents.tombstone(PostgresEvents.key("P-1"));

        assertThat(classify.apply(tombstone)).isSameAs(tombstone);

        configure("rules", RULES, "unmatched", "quarantine", "topic.format", "policy.events");
        SourceRecord routed = chain(tombstone);
        assertThat(routed.topic()).isEqualTo("policy.events");
        assertThat(routed.key()).isEqualTo(PostgresEvents.key("P-1"));
        assertThat(routed.value()).isNull();
        assertThat(headers(routed)).containsExactly(entry("acl.event.type", "Tombstone"));
    }

    @Test
    void celErrorsAreValidationErrorsOnTheRulesKey() {
        Map<String, ConfigValue> results = new HashMap<>();
        Classify.CONFIG_DEF.validate(config("rules", "Ok: true; Broken: value.x ==", "topic.format", "a b ${eventType}"))
                .forEach(v -> results.put(v.name(), v));

        assertThat(results.get("rules").errorMessages()).singleElement().asString()
                .startsWith("Invalid value Ok: true; Broken: value.x == for configuration rules: rule 2 (Broken): ");
        assertThat(results.get("topic.format").errorMessages()).singleElement().asString()
                .contains("topic.format").contains("Not a valid topic name");
    }
}
