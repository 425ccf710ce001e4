package dev.strangler.connect.it.plan;

import static dev.strangler.connect.it.plan.AddressMigrationFixture.committedRecords;
import static dev.strangler.connect.it.plan.AddressMigrationFixture.header;
import static dev.strangler.connect.it.plan.AddressMigrationFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.strangler.connect.harness.Await;
import dev.strangler.connect.harness.DebeziumPostgres;
import dev.strangler.connect.harness.LocalStack;

/**
 * The authority guard in front of the ACL chain exactly as the documentation shows it (docs/migration-plan.md:
 * {@code "transforms": "guard,unwrap"}, no predicates), followed by the classification step of the ACL README's
 * worked example, which routes each event type to its own topic. A legacy write to a scope the service owns is a
 * violation: it must stay the unchanged change event on the violation topic and never become a domain event,
 * whatever ACL transforms follow the guard.
 */
class ViolationsNeverBecomeDomainEventsIT {

    private static final String DATABASE = "plan_leak_legacy";
    /** Names the slot and the publication as DebeziumPostgres.capturing does. */
    private static final String CAPTURE = "plan_leak";
    private static final String SLOT = CAPTURE + "_slot";
    private static final String PUBLICATION = CAPTURE + "_publication";
    private static final String CONNECTOR = "plan_leak-cdc";
    private static final String EVENTS = "plan_leak.address.";
    private static final String VIOLATIONS = "plan_leak.authority-violations";
    private static final String QUARANTINE = "plan_leak.quarantine";

    private static LocalStack stack;

    @BeforeAll
    static void legacyDatabase() {
        stack = LocalStack.shared();
        AddressMigrationFixture.createLegacyDatabase(stack, DATABASE, PUBLICATION, SLOT);
        for (String topic : List.of(EVENTS + "Created", EVENTS + "AddressMoved", VIOLATIONS, QUARANTINE)) {
            stack.kafka().createTopic(topic, 1);
        }
    }

    @AfterAll
    static void removeConnectorAndSlot() {
        if (stack != null) {
            stack.connect().deleteConnector(CONNECTOR);
            AddressMigrationFixture.dropSlotWhenReleased(stack, DATABASE, SLOT);
        }
    }

    @Test
    void aLegacyWriteToAServiceOwnedScopeStaysOnTheViolationTopic() {
        Instant since = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(1, ChronoUnit.DAYS);
        // German addresses belong to the service since an hour after 'since', long before this test
        String plan = AddressMigrationFixture.plan("service owns DE", since, since.plus(1, ChronoUnit.HOURS), Optional.empty());
        stack.connect().putConnector(CONNECTOR, connectorConfig(plan));
        stack.connect().awaitConnectorRunning(CONNECTOR, Duration.ofMinutes(3));

        stack.postgres().execute(DATABASE,
                insert("A-AT-1", "AT"),
                insert("A-DE-1", "DE"),   // legacy writes to a service-owned scope: a violation
                insert("A-AT-2", "AT"));  // the sentinel: once it is a domain event, the chain is past the violation

        Await.until("the sentinel A-AT-2 as a domain event", Duration.ofMinutes(3), () -> addressesOn(EVENTS + "Created").contains("A-AT-2"));
        assertThat(addressesOn(EVENTS + "Created")).as("addresses published as Created domain events").containsExactly("A-AT-1", "A-AT-2");

        List<ConsumerRecord<byte[], byte[]>> violations = Await.value("the violation", Duration.ofMinutes(1), () -> {
            List<ConsumerRecord<byte[], byte[]>> records = committedRecords(stack, VIOLATIONS);
            return records.isEmpty() ? Optional.empty() : Optional.of(records);
        });
        assertThat(violations).hasSize(1);
        ConsumerRecord<byte[], byte[]> violation = violations.get(0);
        assertThat(header(violation, "strangler.violation.scope")).isEqualTo("de-addresses");
        assertThat(header(violation, "acl.event.type")).as("a violation is no domain event").isNull();
        JsonNode envelope = json(violation.value());
        assertThat(envelope.path("op").asText()).as("the unchanged Debezium change event").isEqualTo("c");
        assertThat(envelope.path("after").path("address_id").asText()).isEqualTo("A-DE-1");
    }

    private static List<String> addressesOn(String topic) {
        return committedRecords(stack, topic).stream().map(record -> json(record.value()).path("address_id").asText()).toList();
    }

    private static String insert(String addressId, String country) {
        return "INSERT INTO customer_address (address_id, customer_no, country, street, city, postal_code)"
                + " VALUES ('" + addressId + "', 'C-1', '" + country + "', 'Street 1', 'City', '1000')";
    }

    /** The guard as docs/migration-plan.md configures it, then the README's unwrap and classification steps. */
    private static Map<String, String> connectorConfig(String plan) {
        Map<String, String> config = DebeziumPostgres.capturing(stack.postgres(), DATABASE, "plan_leak", CAPTURE, "public.customer_address");
        config.put("tasks.max", "1");
        // the publication and the slot exist before the first write (createLegacyDatabase): no snapshot
        config.put("publication.autocreate.mode", "disabled");
        config.put("snapshot.mode", "no_data");
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("key.converter.schemas.enable", "false");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        config.put("transforms", "guard,unwrap,classify");
        config.put("transforms.guard.type", "dev.strangler.connect.acl.AuthorityGuard");
        config.put("transforms.guard.migration.plan", plan);
        config.put("transforms.guard.guard.tables", "public.customer_address=address");
        config.put("transforms.guard.guard.violation.topic", VIOLATIONS);
        config.put("transforms.guard.quarantine.topic", QUARANTINE);
        config.put("transforms.unwrap.type", "dev.strangler.connect.acl.DomainEventUnwrap");
        config.put("transforms.unwrap.quarantine.topic", QUARANTINE);
        config.put("transforms.classify.type", "dev.strangler.connect.acl.Classify");
        config.put("transforms.classify.rules", "AddressMoved: headers['acl.event.type'] == 'Changed'");
        config.put("transforms.classify.topic.format", EVENTS + "${eventType}");
        config.put("transforms.classify.quarantine.topic", QUARANTINE);
        return config;
    }
}
