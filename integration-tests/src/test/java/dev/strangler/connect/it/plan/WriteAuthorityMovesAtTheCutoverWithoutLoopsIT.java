package dev.strangler.connect.it.plan;

import static dev.strangler.connect.it.plan.AddressMigrationFixture.CDC_CONNECTOR;
import static dev.strangler.connect.it.plan.AddressMigrationFixture.DOMAIN_EVENTS;
import static dev.strangler.connect.it.plan.AddressMigrationFixture.LEGACY_DB;
import static dev.strangler.connect.it.plan.AddressMigrationFixture.MARKER_COLUMN;
import static dev.strangler.connect.it.plan.AddressMigrationFixture.MARKER_VALUE;
import static dev.strangler.connect.it.plan.AddressMigrationFixture.OUTBOX_CONNECTOR;
import static dev.strangler.connect.it.plan.AddressMigrationFixture.QUARANTINE;
import static dev.strangler.connect.it.plan.AddressMigrationFixture.SERVICE_DB;
import static dev.strangler.connect.it.plan.AddressMigrationFixture.SERVICE_EVENTS;
import static dev.strangler.connect.it.plan.AddressMigrationFixture.SINK_CONNECTOR;
import static dev.strangler.connect.it.plan.AddressMigrationFixture.SINK_DLQ;
import static dev.strangler.connect.it.plan.AddressMigrationFixture.SLOT;
import static dev.strangler.connect.it.plan.AddressMigrationFixture.VIOLATIONS;
import static dev.strangler.connect.it.plan.AddressMigrationFixture.committedRecords;
import static dev.strangler.connect.it.plan.AddressMigrationFixture.header;
import static dev.strangler.connect.it.plan.AddressMigrationFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.strangler.connect.harness.Await;
import dev.strangler.connect.harness.LocalStack;

/**
 * One migration plan, given to the ACL's authority guard and to the legacy sink, moves write authority over German
 * customer addresses from legacy to the new service at an instant of <em>event time</em> T, a few seconds after the
 * test starts. Everything is configured through the Connect REST API with the JSON a user would write.
 *
 * <ul>
 *   <li>Before T a legacy change of a German address reaches the service exactly once; the service republishes it
 *       through its outbox, and the legacy sink does not write it back (legacy owned it when it happened).</li>
 *   <li>After T a change made in the service reaches legacy exactly once, and the ACL drops the change the legacy
 *       sink made (origin marker), so it never comes back. A legacy write to a German address (a nightly batch
 *       "correcting" it) is an authority violation: on the violation topic with headers, never a domain event, never
 *       in the service. Austrian addresses, which did not move, keep flowing from legacy to the service.</li>
 *   <li>The plan is then changed as a Git change would be, merged late: Austrian addresses move at T2, and both
 *       connectors get the new plan (as a file on the worker) only after T2 passed, the sink while running, the
 *       CDC connector after a stop (a backlog). Legacy changes from before T2 still pass, those after T2 are
 *       violations, and a service change after T2 is projected: decisions follow event time, not reload time.</li>
 * </ul>
 * Absence is asserted after a sentinel: a later legacy change that must reach the service. The ACL keeps the
 * order of the legacy log on one partition, so whatever the chain let through before the sentinel is already there.
 */
class WriteAuthorityMovesAtTheCutoverWithoutLoopsIT {

    private static final Duration STARTUP = Duration.ofMinutes(3);
    private static final Duration PROPAGATION = Duration.ofMinutes(3);

    private static LocalStack stack;
    private static AddressService service;

    @BeforeAll
    static void databasesAndTopics() {
        stack = LocalStack.shared();
        AddressMigrationFixture.createLegacyDatabase(stack);
        AddressMigrationFixture.createServiceDatabase(stack);
        AddressMigrationFixture.createTopics(stack);
    }

    @AfterAll
    static void removeConnectorsAndSlot() throws InterruptedException {
        if (service != null) {
            service.close();
        }
        if (stack == null) {
            return;
        }
        for (String connector : List.of(CDC_CONNECTOR, OUTBOX_CONNECTOR, SINK_CONNECTOR)) {
            stack.connect().deleteConnector(connector);
        }
        AddressMigrationFixture.dropSlotWhenReleased(stack, LEGACY_DB, SLOT);
    }

    @Test
    void writeAuthorityMovesAtTheCutoverInBothDirectionsWithoutLoops() throws IOException {
        Instant start = Instant.now();
        Instant since = start.truncatedTo(ChronoUnit.DAYS).minus(1, ChronoUnit.DAYS);
        Instant germanCutover = start.plusSeconds(12).truncatedTo(ChronoUnit.SECONDS);
        Map<String, String> firstPlan = Map.of("migration.plan",
                AddressMigrationFixture.plan("revision 1", since, germanCutover, Optional.empty()));

        // Legacy, before T: addresses are entered, and a German one is changed.
        legacy("INSERT INTO customer_address (address_id, customer_no, country, street, city, postal_code)"
                        + " VALUES ('A-DE-1', 'C-1', 'DE', 'Alte Strasse 1', 'Berlin', '10115')",
                "INSERT INTO customer_address (address_id, customer_no, country, street, city, postal_code)"
                        + " VALUES ('A-AT-1', 'C-2', 'AT', 'Ring 1', 'Wien', '1010')",
                "INSERT INTO customer_address (address_id, customer_no, country, street, city, postal_code)"
                        + " VALUES ('A-AT-2', 'C-3', 'AT', 'Hauptplatz 2', 'Graz', '8010')",
                "INSERT INTO customer_address (address_id, customer_no, country, street, city, postal_code)"
                        + " VALUES ('A-AT-3', 'C-4', 'AT', 'Domplatz 3', 'Linz', '4020')",
                "UPDATE customer_address SET street = 'Neue Strasse 2' WHERE address_id = 'A-DE-1'");
        assertThat(Instant.now()).as("the legacy writes of 'before the cutover' committed before it").isBefore(germanCutover);

        service = AddressService.start(stack, SERVICE_DB, DOMAIN_EVENTS);
        stack.connect().putConnector(CDC_CONNECTOR, AddressMigrationFixture.cdcConfig(stack, firstPlan));
        stack.connect().putConnector(OUTBOX_CONNECTOR, AddressMigrationFixture.outboxConfig(stack));
        stack.connect().putConnector(SINK_CONNECTOR, AddressMigrationFixture.sinkConfig(stack, firstPlan));
        for (String connector : List.of(CDC_CONNECTOR, OUTBOX_CONNECTOR, SINK_CONNECTOR)) {
            stack.connect().awaitConnectorRunning(connector, STARTUP);
        }

        legacyChangeBeforeTheCutoverReachesTheServiceOnceAndIsNotWrittenBack(germanCutover);
        afterTheCutoverTheServiceOwnsGermanAddressesAndLegacyWritesAreViolations(germanCutover);
        aPlanChangeMergedLateStillTakesEffectAtItsEventTime(since, germanCutover);
    }

    private void legacyChangeBeforeTheCutoverReachesTheServiceOnceAndIsNotWrittenBack(Instant germanCutover) {
        awaitServiceRow("A-DE-1 with legacy's change from before the cutover", "A-DE-1",
                row -> "Neue Strasse 2".equals(row.get("street")));
        awaitServiceRow("A-AT-3 from legacy", "A-AT-3", row -> true);
        assertThat(serviceRow("A-DE-1")).containsEntry("legacy_changes_applied", 2).containsEntry("version", 2L)
                .containsEntry("last_changed_by", "legacy");

        List<ConsumerRecord<byte[], byte[]>> german = domainEventsOf("A-DE-1");
        assertThat(german).extracting(record -> header(record, "acl.event.type")).containsExactly("Created", "Changed");
        assertThat(Instant.ofEpochMilli(Long.parseLong(header(german.get(1), "acl.source.ts.ms"))))
                .as("legacy's commit time of the change").isBefore(germanCutover);

        // The service republished all five changes; the sink judged them at their event time and wrote none back.
        awaitSinkCaughtUpWith(5);
        assertThat(committedRecords(stack, SERVICE_EVENTS)).allSatisfy(record -> {
            JsonNode event = json(record.value());
            assertThat(event.path("origin").asText()).isEqualTo("legacy");
            assertThat(Instant.parse(event.path("occurredAt").asText())).isBefore(germanCutover);
        });
        assertThat(sinkWritesInLegacy()).as("rows the legacy sink wrote").isEmpty();
        assertThat(legacyRow("A-DE-1")).containsEntry("street", "Neue Strasse 2").containsEntry(MARKER_COLUMN, null);
    }

    private void afterTheCutoverTheServiceOwnsGermanAddressesAndLegacyWritesAreViolations(Instant germanCutover) {
        Await.until("the wall clock to pass the German cutover " + germanCutover, PROPAGATION,
                () -> Instant.now().isAfter(germanCutover.plusSeconds(1)));

        // The service changes a German address: it reaches legacy once, marked as the sink's write.
        service.changeStreet("A-DE-1", "Serviceallee 3");
        awaitLegacyRow("the service's change of A-DE-1 projected into legacy", "A-DE-1",
                row -> "Serviceallee 3".equals(row.get("street")) && MARKER_VALUE.equals(row.get(MARKER_COLUMN)));

        // Legacy's nightly batch "corrects" the migrated address; an Austrian address changes in legacy as before.
        legacy("UPDATE customer_address SET street = 'Batchweg 4' WHERE address_id = 'A-DE-1'",
                "UPDATE customer_address SET street = 'Ringstrasse 5' WHERE address_id = 'A-AT-1'");
        sentinel("A-FR-1");

        List<ConsumerRecord<byte[], byte[]>> violations = awaitRecords(VIOLATIONS, 1);
        assertThat(violations).hasSize(1);
        assertViolation(violations.get(0), "A-DE-1", "de-addresses", germanCutover, "Batchweg 4");

        // Nothing looped and nothing leaked: the sink's own write and the violation are no domain events.
        assertThat(domainEventsOf("A-DE-1")).as("domain events of A-DE-1").hasSize(2);
        assertThat(serviceRow("A-DE-1")).containsEntry("street", "Serviceallee 3").containsEntry("legacy_changes_applied", 2)
                .containsEntry("last_changed_by", "service").containsEntry("version", 3L);
        assertThat(serviceRow("A-AT-1")).containsEntry("street", "Ringstrasse 5").containsEntry("legacy_changes_applied", 2);
        assertThat(committedRecords(stack, DOMAIN_EVENTS)).as("all domain events").hasSize(7);

        // The Austrian change and the sentinel were republished by the service and not written back.
        awaitSinkCaughtUpWith(8);
        assertThat(sinkWritesInLegacy()).containsExactly(Map.of("address_id", "A-DE-1", "street", "Serviceallee 3"));
        assertThat(legacyRow("A-AT-1")).containsEntry("street", "Ringstrasse 5").containsEntry(MARKER_COLUMN, null);
        assertNothingQuarantinedOrDeadLettered();
    }

    private void aPlanChangeMergedLateStillTakesEffectAtItsEventTime(Instant since, Instant germanCutover) throws IOException {
        // The CDC connector is stopped: legacy changes pile up, as behind a worker outage.
        AddressMigrationFixture.changeState(stack, CDC_CONNECTOR, "stop");
        Await.until(CDC_CONNECTOR + " stopped", STARTUP,
                () -> "STOPPED".equals(AddressMigrationFixture.connectorState(stack, CDC_CONNECTOR)));
        legacy("UPDATE customer_address SET street = 'Vor dem Stichtag 6' WHERE address_id = 'A-AT-1'");
        Instant austrianCutover = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        Await.until("the wall clock to pass the Austrian cutover " + austrianCutover, PROPAGATION,
                () -> Instant.now().isAfter(austrianCutover.plusSeconds(1)));
        legacy("UPDATE customer_address SET street = 'Nach dem Stichtag 7' WHERE address_id = 'A-AT-2'");

        // The Git change, merged after its effective time, checked out on the worker as the plan file.
        Path planFile = stack.workDir().resolve("plan_address-migration.yaml");
        Files.writeString(planFile, AddressMigrationFixture.plan("revision 2", since, germanCutover, Optional.of(austrianCutover)));
        Map<String, String> secondPlan = Map.of("migration.plan.file", planFile.toString());

        // The legacy sink gets it while running: its new task joins the consumer group as a new member.
        Set<String> oldMembers = Await.value("the legacy sink's consumer in its group", STARTUP, () -> {
            Set<String> members = AddressMigrationFixture.groupMembers(stack, SINK_CONNECTOR);
            return members.isEmpty() ? Optional.empty() : Optional.of(members);
        });
        stack.connect().putConnector(SINK_CONNECTOR, AddressMigrationFixture.sinkConfig(stack, secondPlan));
        Await.until("the legacy sink's task restarted with the new plan", STARTUP, () -> {
            Set<String> members = AddressMigrationFixture.groupMembers(stack, SINK_CONNECTOR);
            return !members.isEmpty() && Collections.disjoint(members, oldMembers);
        });
        stack.connect().awaitConnectorRunning(SINK_CONNECTOR, STARTUP);

        // A service change after T2 of an Austrian address is projected (the first plan would have skipped it).
        service.changeStreet("A-AT-3", "Servicegasse 8");
        awaitLegacyRow("the service's change of A-AT-3 projected into legacy", "A-AT-3",
                row -> "Servicegasse 8".equals(row.get("street")) && MARKER_VALUE.equals(row.get(MARKER_COLUMN)));

        // The CDC connector gets the new plan, long after T2, and works through its backlog.
        stack.connect().putConnector(CDC_CONNECTOR, AddressMigrationFixture.cdcConfig(stack, secondPlan));
        AddressMigrationFixture.changeState(stack, CDC_CONNECTOR, "resume");
        stack.connect().awaitConnectorRunning(CDC_CONNECTOR, STARTUP);
        sentinel("A-FR-2");

        // Before T2 legacy still owned Austrian addresses: the change passed, although judged after T2...
        assertThat(serviceRow("A-AT-1")).containsEntry("street", "Vor dem Stichtag 6").containsEntry("legacy_changes_applied", 3);
        List<ConsumerRecord<byte[], byte[]>> austrian = domainEventsOf("A-AT-1");
        assertThat(austrian).hasSize(3);
        assertThat(Instant.ofEpochMilli(Long.parseLong(header(austrian.get(2), "acl.source.ts.ms")))).isBefore(austrianCutover);
        // ...after T2 a legacy write is a violation and never reaches the service...
        List<ConsumerRecord<byte[], byte[]>> violations = awaitRecords(VIOLATIONS, 2);
        assertThat(violations).hasSize(2);
        assertViolation(violations.get(1), "A-AT-2", "at-addresses", austrianCutover, "Nach dem Stichtag 7");
        assertThat(serviceRow("A-AT-2")).containsEntry("street", "Hauptplatz 2").containsEntry("legacy_changes_applied", 1);
        assertThat(domainEventsOf("A-AT-2")).hasSize(1);
        // ...and the sink's projection of the service's change did not come back.
        assertThat(domainEventsOf("A-AT-3")).hasSize(1);
        assertThat(serviceRow("A-AT-3")).containsEntry("street", "Servicegasse 8").containsEntry("last_changed_by", "service")
                .containsEntry("legacy_changes_applied", 1);
        assertThat(committedRecords(stack, DOMAIN_EVENTS)).as("all domain events").hasSize(9);

        // The service republished the change from before T2; the sink, judging at its event time, skipped it.
        awaitSinkCaughtUpWith(11);
        assertThat(sinkWritesInLegacy()).containsExactly(Map.of("address_id", "A-DE-1", "street", "Serviceallee 3"),
                Map.of("address_id", "A-AT-3", "street", "Servicegasse 8"));
        assertThat(legacyRow("A-AT-1")).containsEntry("street", "Vor dem Stichtag 6").containsEntry(MARKER_COLUMN, null);
        assertNothingQuarantinedOrDeadLettered();
        for (String connector : List.of(CDC_CONNECTOR, OUTBOX_CONNECTOR, SINK_CONNECTOR)) {
            assertThat(AddressMigrationFixture.taskStates(stack, connector)).as(connector).containsExactly("RUNNING");
        }
    }

    private static void assertViolation(ConsumerRecord<byte[], byte[]> violation, String addressId, String scope,
                                        Instant effectiveSince, String street) {
        assertThat(json(violation.key()).path("address_id").asText()).isEqualTo(addressId);
        assertThat(header(violation, "strangler.violation.scope")).isEqualTo(scope);
        assertThat(header(violation, "strangler.violation.phase")).isEqualTo("3");
        assertThat(header(violation, "strangler.violation.write.authority")).isEqualTo("service");
        assertThat(header(violation, "strangler.violation.reason")).isEqualTo("legacy-write-without-write-authority");
        assertThat(header(violation, "strangler.violation.table")).isEqualTo("public.customer_address");
        assertThat(header(violation, "strangler.violation.operation")).isEqualTo("u");
        assertThat(header(violation, "strangler.violation.txId")).isNotBlank();
        assertThat(header(violation, "strangler.violation.effective.since")).isEqualTo(effectiveSince.toString());
        assertThat(Instant.parse(header(violation, "strangler.violation.event.time"))).isAfter(effectiveSince);
        // the unchanged Debezium change event, for whoever investigates the violation
        JsonNode envelope = json(violation.value());
        assertThat(envelope.path("op").asText()).isEqualTo("u");
        assertThat(envelope.path("after").path("street").asText()).isEqualTo(street);
        assertThat(envelope.path("after").path(MARKER_COLUMN).isNull()).as("a legacy write carries no marker").isTrue();
    }

    /** A later legacy change of an address nobody migrates; once the service has it, the chain is past all before. */
    private void sentinel(String addressId) {
        legacy("INSERT INTO customer_address (address_id, customer_no, country, street, city, postal_code)"
                + " VALUES ('" + addressId + "', 'C-9', 'FR', 'Rue de Rivoli 1', 'Paris', '75001')");
        awaitServiceRow("the sentinel " + addressId + " at the service", addressId, row -> true);
    }

    private void assertNothingQuarantinedOrDeadLettered() {
        assertThat(committedRecords(stack, QUARANTINE)).as("quarantined by the ACL").isEmpty();
        assertThat(stack.kafka().consumeAll(SINK_DLQ, Duration.ofSeconds(60), false)).as("dead-lettered by the sink").isEmpty();
    }

    private static void legacy(String... statements) {
        stack.postgres().execute(LEGACY_DB, statements);
    }

    private static List<ConsumerRecord<byte[], byte[]>> domainEventsOf(String addressId) {
        return committedRecords(stack, DOMAIN_EVENTS).stream()
                .filter(record -> addressId.equals(json(record.value()).path("addressId").asText()))
                .toList();
    }

    private static List<ConsumerRecord<byte[], byte[]>> awaitRecords(String topic, int count) {
        return Await.value(count + " records on " + topic, PROPAGATION, () -> {
            List<ConsumerRecord<byte[], byte[]>> records = committedRecords(stack, topic);
            return records.size() >= count ? Optional.of(records) : Optional.empty();
        });
    }

    private static void awaitSinkCaughtUpWith(int serviceEvents) {
        Await.until("the legacy sink to have put all " + serviceEvents + " service events", PROPAGATION, () -> {
            service.assertHealthy();
            return committedRecords(stack, SERVICE_EVENTS).size() == serviceEvents
                    && AddressMigrationFixture.sinkCaughtUp(stack, SINK_CONNECTOR, SERVICE_EVENTS);
        });
        assertThat(committedRecords(stack, SERVICE_EVENTS)).as("service events").hasSize(serviceEvents);
    }

    private static void awaitServiceRow(String description, String addressId, Predicate<Map<String, Object>> condition) {
        Await.until(description, PROPAGATION, () -> {
            service.assertHealthy();
            return AddressMigrationFixture.row(stack, SERVICE_DB, "address", addressId).filter(condition).isPresent();
        });
    }

    private static void awaitLegacyRow(String description, String addressId, Predicate<Map<String, Object>> condition) {
        Await.until(description, PROPAGATION,
                () -> AddressMigrationFixture.row(stack, LEGACY_DB, "customer_address", addressId).filter(condition).isPresent());
    }

    private static Map<String, Object> serviceRow(String addressId) {
        return AddressMigrationFixture.row(stack, SERVICE_DB, "address", addressId).orElseThrow();
    }

    private static Map<String, Object> legacyRow(String addressId) {
        return AddressMigrationFixture.row(stack, LEGACY_DB, "customer_address", addressId).orElseThrow();
    }

    /** The row versions in legacy that carry the origin marker: what the legacy sink wrote, in order. */
    private static List<Map<String, Object>> sinkWritesInLegacy() {
        return AddressMigrationFixture.query(stack, LEGACY_DB, "SELECT address_id, street FROM customer_address_write"
                + " WHERE " + MARKER_COLUMN + " = '" + MARKER_VALUE + "' ORDER BY seq");
    }
}
