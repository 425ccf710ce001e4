package dev.strangler.connect.it.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.strangler.connect.harness.LocalStack;

/**
 * With the migration plan in its configuration, the outbox connector publishes as domain events only the events of
 * scopes the service publishes at the event's time; events of scopes the plan still gives to legacy as publisher go
 * to the violation topic with the scope and reason in headers, on the same side of a cutover as every other
 * connector (event time, not the moment of publication). Configured through REST with the JSON a user would write.
 */
class EventsOfLegacyPublishedScopesAreDivertedByThePlanIT {

    /**
     * AUTO endorsements in DE move to the service at the cutover; every other endorsement stays with legacy. The
     * instants lie in the past (an hour ago): the events carry them as record timestamps, and a broker refuses
     * timestamps more than an hour ahead ({@code message.timestamp.after.max.ms}).
     */
    private static final Instant CUTOVER = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
    private static final String PLAN = """
            version: 1
            name: outbox-it
            entities:
              endorsement:
                fields: [product_line, country]
            scopes:
              - name: endorsements
                entity: endorsement
                effective:
                  - from: %1$s
                    phase: mirror
                    system-of-record: legacy
                    write-authority: legacy
                    publisher: legacy
                    conflict: legacy-wins
              - name: auto-de-endorsements
                entity: endorsement
                where:
                  product_line: AUTO
                  country: DE
                effective:
                  - from: %1$s
                    phase: mirror
                    system-of-record: legacy
                    write-authority: legacy
                    publisher: legacy
                    conflict: legacy-wins
                  - from: %2$s
                    phase: partial-extraction
                    write-authority: service
                    publisher: service
                    conflict: manual-review
            """.formatted(CUTOVER.minus(Duration.ofDays(1)), CUTOVER);

    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = LocalStack.shared();
    }

    private static Map<String, String> planConfig(String database, String prefix) {
        Map<String, String> config = OutboxFixture.connectorConfig(stack, database, prefix);
        config.put("migration.plan", PLAN);
        config.put("plan.aggregate.types", "Endorsement=endorsement");
        config.put("plan.fields", "endorsement.country=payload:policy.country");
        config.put("plan.violation.topic", prefix + ".violations");
        return config;
    }

    private static String insert(String aggregateType, int n, String productLine, String country, Instant createdAt) {
        return "INSERT INTO outbox (aggregatetype, aggregateid, type, payload, created_at) VALUES ('" + aggregateType + "', 'e-" + n
                + "', 'AddressChanged', '{\"n\": " + n + ", \"product_line\": \"" + productLine + "\", \"policy\": {\"country\": \""
                + country + "\"}}', '" + createdAt + "')";
    }

    @Test
    void onlyEventsOfScopesTheServicePublishesAtTheirEventTimeReachTheDomainTopic() {
        String database = "outbox_plan_divert";
        OutboxFixture.createOutbox(stack, database, "jsonb");
        stack.postgres().execute(database,
                insert("Endorsement", 1, "AUTO", "DE", CUTOVER.minusMillis(1)),         // before the cutover: legacy publishes
                insert("Endorsement", 2, "AUTO", "DE", CUTOVER),                        // at the cutover: the service publishes
                insert("Endorsement", 3, "AUTO", "AT", CUTOVER.plusSeconds(600)),       // outside the slice: legacy publishes
                insert("Order", 4, "AUTO", "DE", CUTOVER.minus(Duration.ofHours(2))),  // not governed by the plan
                insert("Endorsement", 5, "AUTO", "DE", CUTOVER.plusSeconds(1800)));     // the service publishes
        stack.connect().putConnector("outbox-plan-divert", planConfig(database, "outbox-plan"));
        stack.connect().awaitConnectorRunning("outbox-plan-divert", Duration.ofMinutes(2));

        List<ConsumerRecord<byte[], byte[]>> violations = stack.kafka().consumeReadCommitted("outbox-plan.violations", 2, Duration.ofMinutes(2));
        stack.kafka().consumeReadCommitted("outbox-plan.Order", 1, Duration.ofMinutes(2));
        List<ConsumerRecord<byte[], byte[]>> endorsements = stack.kafka().consumeReadCommitted("outbox-plan.Endorsement", 2, Duration.ofMinutes(2));
        // Row 5 is the last row: once it is published every earlier row has been judged.
        List<ConsumerRecord<byte[], byte[]>> allEndorsements = stack.kafka().consumeAll("outbox-plan.Endorsement", Duration.ofSeconds(30), true);
        List<ConsumerRecord<byte[], byte[]>> allViolations = stack.kafka().consumeAll("outbox-plan.violations", Duration.ofSeconds(30), true);

        assertThat(endorsements).extracting(r -> OutboxFixture.value(r).path("n").asInt()).containsExactly(2, 5);
        assertThat(allEndorsements).extracting(r -> OutboxFixture.value(r).path("n").asInt()).containsExactly(2, 5);
        assertThat(allEndorsements).allSatisfy(r -> assertThat(OutboxFixture.header(r, "strangler.violation.scope")).isNull());
        assertThat(allViolations).hasSize(2);
        assertThat(violations).extracting(r -> OutboxFixture.value(r).path("n").asInt()).containsExactly(1, 3);
        assertThat(violations).extracting(OutboxFixture::key).containsExactly("e-1", "e-3");
        assertThat(violations).extracting(r -> OutboxFixture.header(r, "strangler.violation.scope"))
                .containsExactly("auto-de-endorsements", "endorsements");
        assertThat(violations).extracting(r -> OutboxFixture.header(r, "strangler.violation.reason"))
                .containsOnly("service-published-legacy-scope");
        assertThat(violations).extracting(r -> OutboxFixture.header(r, "strangler.violation.publisher")).containsOnly("legacy");
        assertThat(violations).extracting(r -> OutboxFixture.header(r, "strangler.violation.event.time"))
                .containsExactly(CUTOVER.minusMillis(1).toString(), CUTOVER.plusSeconds(600).toString());
        assertThat(violations).extracting(r -> OutboxFixture.header(r, "eventType")).containsOnly("AddressChanged");
        assertThat(stack.connect().status("outbox-plan-divert").path("tasks").get(0).path("state").asText()).isEqualTo("RUNNING");
        stack.connect().deleteConnector("outbox-plan-divert");
    }

    @Test
    void bindingsThatDoNotFitThePlanAreRefusedThroughRestNamingTheKey() {
        Map<String, String> config = planConfig("postgres", "outbox-plan-bad");
        config.put("name", "outbox-plan-bad");
        config.put("plan.aggregate.types", "Endorsement=claim");
        config.put("column.timestamp", "");

        JsonNode result = stack.connect().validate(OutboxFixture.CONNECTOR_CLASS, config);

        Map<String, String> errors = new TreeMap<>();
        for (JsonNode value : result.path("configs")) {
            if (value.path("value").path("errors").size() > 0) {
                errors.put(value.path("value").path("name").asText(), value.path("value").path("errors").get(0).asText());
            }
        }
        assertThat(errors).containsOnlyKeys("plan.aggregate.types", "column.timestamp");
        assertThat(errors.get("plan.aggregate.types")).contains("'claim' is not an entity of the migration plan (endorsement)");
        assertThat(errors.get("column.timestamp")).contains("required with a migration plan");
    }
}
