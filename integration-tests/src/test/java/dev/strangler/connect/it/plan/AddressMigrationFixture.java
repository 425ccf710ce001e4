package dev.strangler.connect.it.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.strangler.connect.harness.Await;
import dev.strangler.connect.harness.DebeziumPostgres;
import dev.strangler.connect.harness.LocalStack;
import dev.strangler.connect.harness.PostgresServer;
import dev.strangler.connect.it.DatabaseRows;

/**
 * The customer-address slice of a strangler migration as a user sets it up: the legacy table (with the origin-marker
 * trigger and {@code REPLICA IDENTITY FULL}), the new service's database (its address table and an outbox in the
 * layout of connect-outbox-source), the migration plan, and the JSON of the three connectors (Debezium + ACL chain,
 * outbox source, legacy sink). Every name starts with {@code plan_} so the test shares the stack with other ITs.
 */
final class AddressMigrationFixture {

    static final String LEGACY_DB = "plan_legacy";
    static final String SERVICE_DB = "plan_service";

    static final String CDC_CONNECTOR = "plan_legacy-cdc";
    static final String OUTBOX_CONNECTOR = "plan_service-outbox";
    static final String SINK_CONNECTOR = "plan_legacy-projection";

    /** Names the slot and the publication as DebeziumPostgres.capturing does. */
    private static final String CAPTURE = "plan";
    static final String SLOT = CAPTURE + "_slot";
    static final String PUBLICATION = CAPTURE + "_publication";
    static final String CDC_PREFIX = "plan_legacy";
    static final String RAW_TOPIC = CDC_PREFIX + ".public.customer_address";
    static final String DOMAIN_EVENTS = "plan_address.domain-events";
    static final String VIOLATIONS = "plan_address.authority-violations";
    static final String QUARANTINE = "plan_address.quarantine";
    static final String SERVICE_EVENTS = "plan_service.Address";
    static final String SINK_DLQ = "plan_legacy-projection.dlq";

    static final String MARKER_COLUMN = "strangler_origin";
    static final String MARKER_VALUE = "strangler-connect";

    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The projection of the service's events into the legacy table. The sink judges authority at {@code occurredAt},
     * the time the change happened (for a change the service took over from legacy: legacy's commit time), not at
     * the time the service happened to write its outbox row.
     */
    static final String PROJECTION_MAPPING = """
            events:
              AddressChanged:
                scope:
                  entity: address
                  fields: {country: country}
                eventTime: occurredAt
                writes:
                  - table: public.customer_address
                    mode: upsert
                    key: [address_id]
                    columns:
                      address_id: {field: addressId}
                      customer_no: {field: customerNo}
                      country: {field: country}
                      street: {field: street}
                      city: {field: city}
                      postal_code: {field: postalCode}
                    guard: {column: event_version, field: version}
            """;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private AddressMigrationFixture() {
    }

    /**
     * The legacy database: the address table, the origin-marker trigger of the convention in
     * {@code dev.strangler.connect.core.origin} (a row version carries the marker exactly when the legacy sink's
     * transaction wrote it), a write log a DBA would keep (who wrote which row version), and the publication and
     * slot Debezium streams from. The slot exists before the first legacy write, so every write is streamed with its
     * own commit time, however late the connector starts.
     */
    static void createLegacyDatabase(LocalStack stack) {
        createLegacyDatabase(stack, LEGACY_DB, PUBLICATION, SLOT);
    }

    /** As {@link #createLegacyDatabase(LocalStack)}, with the names of another test. */
    static void createLegacyDatabase(LocalStack stack, String database, String publication, String slot) {
        PostgresServer postgres = stack.postgres();
        postgres.createDatabase(database);
        postgres.execute(database,
                "CREATE TABLE customer_address (address_id varchar(20) PRIMARY KEY, customer_no varchar(20) NOT NULL,"
                        + " country char(2) NOT NULL, street varchar(80), city varchar(60), postal_code varchar(12),"
                        + " event_version bigint, " + MARKER_COLUMN + " varchar(40))",
                "ALTER TABLE customer_address REPLICA IDENTITY FULL",
                "CREATE FUNCTION stamp_origin() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                        + " NEW." + MARKER_COLUMN + " := nullif(current_setting('strangler.origin', true), '');"
                        + " RETURN NEW; END $$",
                "CREATE TRIGGER customer_address_origin BEFORE INSERT OR UPDATE ON customer_address"
                        + " FOR EACH ROW EXECUTE FUNCTION stamp_origin()",
                "CREATE TABLE customer_address_write (seq bigserial PRIMARY KEY, address_id varchar(20) NOT NULL,"
                        + " street varchar(80), " + MARKER_COLUMN + " varchar(40),"
                        + " written_at timestamptz NOT NULL DEFAULT clock_timestamp())",
                "CREATE FUNCTION log_write() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                        + " INSERT INTO customer_address_write (address_id, street, " + MARKER_COLUMN + ")"
                        + " VALUES (NEW.address_id, NEW.street, NEW." + MARKER_COLUMN + "); RETURN NULL; END $$",
                "CREATE TRIGGER customer_address_write_log AFTER INSERT OR UPDATE ON customer_address"
                        + " FOR EACH ROW EXECUTE FUNCTION log_write()",
                // the publication before the slot: pgoutput decodes with the catalog as of each change
                "CREATE PUBLICATION " + publication + " FOR TABLE customer_address",
                "SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
    }

    /**
     * Drops a test's replication slot once its connector released it: a forgotten slot would hold back WAL for every
     * later test of this JVM.
     */
    static void dropSlotWhenReleased(LocalStack stack, String database, String slot) {
        Await.until("the replication slot " + slot + " to be released", Duration.ofMinutes(3),
                () -> DatabaseRows.count(stack, database, "SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + slot + "' AND active") == 0);
        stack.postgres().execute(database,
                "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '" + slot + "'");
    }

    /** The service's database: its address table, its consumer position, and the outbox (README layout). */
    static void createServiceDatabase(LocalStack stack) {
        PostgresServer postgres = stack.postgres();
        postgres.createDatabase(SERVICE_DB);
        postgres.execute(SERVICE_DB,
                "CREATE TABLE address (address_id varchar(20) PRIMARY KEY, customer_no varchar(20) NOT NULL,"
                        + " country varchar(2) NOT NULL, street varchar(80), city varchar(60), postal_code varchar(12),"
                        + " version bigint NOT NULL, legacy_changes_applied integer NOT NULL DEFAULT 0,"
                        + " last_changed_by varchar(10) NOT NULL)",
                "CREATE TABLE consumer_position (topic varchar(249) NOT NULL, kafka_partition integer NOT NULL,"
                        + " next_offset bigint NOT NULL, PRIMARY KEY (topic, kafka_partition))",
                "CREATE TABLE outbox ("
                        + " id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                        + " xid xid8 NOT NULL DEFAULT pg_current_xact_id(),"
                        + " aggregatetype varchar(255) NOT NULL,"
                        + " aggregateid varchar(255) NOT NULL,"
                        + " type varchar(255) NOT NULL,"
                        + " payload jsonb,"
                        + " created_at timestamptz NOT NULL DEFAULT clock_timestamp())",
                "CREATE INDEX outbox_position ON outbox (xid, id)",
                "CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$"
                        + " BEGIN PERFORM pg_notify('outbox_events', TG_TABLE_NAME); RETURN NULL; END $$",
                "CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()");
    }

    static void createTopics(LocalStack stack) {
        // one partition each: the order of a topic is the order of the stream, which the sentinels rely on
        for (String topic : List.of(DOMAIN_EVENTS, VIOLATIONS, QUARANTINE, SERVICE_EVENTS, SINK_DLQ)) {
            stack.kafka().createTopic(topic, 1);
        }
    }

    /**
     * The migration plan as a platform team keeps it in Git: every address is mirrored from legacy since
     * {@code since}; German addresses move to the service (phase 3: the service owns writes) at {@code germanCutover};
     * Austrian addresses move at {@code austrianCutover} when present (the second version of the plan).
     */
    static String plan(String revision, Instant since, Instant germanCutover, Optional<Instant> austrianCutover) {
        String mirror = """
                      - from: %s
                        phase: mirror
                        system-of-record: legacy
                        write-authority: legacy
                        publisher: legacy
                        conflict: legacy-wins
                """.formatted(since);
        String cutover = """
                      - from: %s
                        phase: write-ownership-shifted
                        write-authority: service
                        publisher: service
                        conflict: service-wins
                        note: the address screens of %s write through the service
                """;
        return """
                version: 1
                name: plan-it-address-migration
                description: customer addresses, %s
                entities:
                  address:
                    fields: [country]
                scopes:
                  - name: addresses
                    entity: address
                    effective:
                %s  - name: de-addresses
                    entity: address
                    where: {country: DE}
                    effective:
                %s%s  - name: at-addresses
                    entity: address
                    where: {country: AT}
                    effective:
                %s%s""".formatted(revision, mirror, mirror, cutover.formatted(germanCutover, "DE"), mirror,
                austrianCutover.map(at -> cutover.formatted(at, "AT")).orElse(""));
    }

    /** Debezium on the legacy table, with the ACL chain: the authority guard first, then unwrap, rename, route. */
    static Map<String, String> cdcConfig(LocalStack stack, Map<String, String> planKeys) {
        Map<String, String> config = DebeziumPostgres.capturing(stack.postgres(), LEGACY_DB, CDC_PREFIX, CAPTURE, "public.customer_address");
        config.put("tasks.max", "1");
        // createLegacyDatabase made the publication and the slot before the first legacy write: stream everything
        // from the slot, no snapshot
        config.put("publication.autocreate.mode", "disabled");
        config.put("snapshot.mode", "no_data");
        config.put("exactly.once.support", "required");
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("key.converter.schemas.enable", "false");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        // Only change events still bound for the raw topic go further down the chain: a violation leaves the
        // chain unchanged on the violation topic, a quarantined event on the quarantine topic.
        config.put("predicates", "isAddressChange");
        config.put("predicates.isAddressChange.type", "org.apache.kafka.connect.transforms.predicates.TopicNameMatches");
        config.put("predicates.isAddressChange.pattern", RAW_TOPIC.replace(".", "\\."));
        config.put("transforms", "guard,unwrap,rename,route");
        config.put("transforms.guard.type", "dev.strangler.connect.acl.AuthorityGuard");
        planKeys.forEach((key, value) -> config.put("transforms.guard." + key, value));
        config.put("transforms.guard.guard.tables", "public.customer_address=address");
        config.put("transforms.guard.guard.violation.topic", VIOLATIONS);
        config.put("transforms.guard.origin.marker.column", MARKER_COLUMN);
        config.put("transforms.guard.origin.marker.value", MARKER_VALUE);
        config.put("transforms.guard.quarantine.topic", QUARANTINE);
        config.put("transforms.unwrap.type", "dev.strangler.connect.acl.DomainEventUnwrap");
        config.put("transforms.unwrap.predicate", "isAddressChange");
        config.put("transforms.unwrap.tombstone.handling", "drop");
        config.put("transforms.unwrap.quarantine.topic", QUARANTINE);
        config.put("transforms.rename.type", "dev.strangler.connect.acl.Restructure$Value");
        config.put("transforms.rename.predicate", "isAddressChange");
        config.put("transforms.rename.drop", MARKER_COLUMN + ",event_version");
        config.put("transforms.rename.move", "address_id:addressId,customer_no:customerNo,postal_code:postalCode");
        config.put("transforms.rename.quarantine.topic", QUARANTINE);
        config.put("transforms.route.type", "org.apache.kafka.connect.transforms.RegexRouter");
        config.put("transforms.route.predicate", "isAddressChange");
        config.put("transforms.route.regex", RAW_TOPIC.replace(".", "\\."));
        config.put("transforms.route.replacement", DOMAIN_EVENTS);
        return config;
    }

    /** connect-outbox-source on the service's outbox, exactly once. */
    static Map<String, String> outboxConfig(LocalStack stack) {
        PostgresServer postgres = stack.postgres();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", "dev.strangler.connect.outbox.OutboxSourceConnector");
        config.put("tasks.max", "1");
        config.put("connection.url", postgres.jdbcUrl(SERVICE_DB));
        config.put("connection.user", postgres.user());
        config.put("connection.password", postgres.password());
        config.put("outbox.tables", "public.outbox");
        config.put("column.timestamp", "created_at");
        config.put("topic.pattern", "plan_service.${aggregatetype}");
        config.put("poll.notify.channel", "outbox_events");
        config.put("poll.interval.ms", "1000");
        config.put("exactly.once.support", "required");
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        return config;
    }

    /** connect-legacy-sink projecting the service's events into the legacy table, under the same plan. */
    static Map<String, String> sinkConfig(LocalStack stack, Map<String, String> planKeys) {
        PostgresServer postgres = stack.postgres();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", "dev.strangler.connect.legacy.LegacySinkConnector");
        config.put("tasks.max", "1");
        config.put("topics", SERVICE_EVENTS);
        config.put("connection.url", postgres.jdbcUrl(LEGACY_DB));
        config.put("connection.user", postgres.user());
        config.put("connection.password", postgres.password());
        config.put("mapping", PROJECTION_MAPPING);
        config.putAll(planKeys);
        config.put("event.type.source", "header:eventType");
        config.put("event.unmapped.policy", "dead-letter");
        config.put("origin.marker.column", MARKER_COLUMN);
        config.put("origin.marker.value", MARKER_VALUE);
        config.put("retry.backoff.ms", "200");
        config.put("retry.backoff.max.ms", "2000");
        config.put("retry.max.attempts", "60");
        // the outbox is published in Kafka transactions: never project an aborted event
        config.put("consumer.override.isolation.level", "read_committed");
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", SINK_DLQ);
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        return config;
    }

    /** The Kafka Connect consumer group of a sink connector. */
    static String sinkGroup(String connector) {
        return "connect-" + connector;
    }

    /** Everything committed on a topic, as a {@code read_committed} consumer sees it. */
    static List<ConsumerRecord<byte[], byte[]>> committedRecords(LocalStack stack, String topic) {
        return stack.kafka().consumeAll(topic, Duration.ofSeconds(60), true);
    }

    /**
     * Whether the sink has put, and so committed to the database, every record committed on {@code topic}: its
     * group's committed offset is past the topic's last record. (Its committed offset stops short of the end offset
     * when the last record is followed by a transaction marker.)
     */
    static boolean sinkCaughtUp(LocalStack stack, String connector, String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = committedRecords(stack, topic);
        long expected = records.isEmpty() ? 0 : records.get(records.size() - 1).offset() + 1;
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = stack.kafka().admin()
                    .listConsumerGroupOffsets(sinkGroup(connector)).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            OffsetAndMetadata offset = committed.get(new TopicPartition(topic, 0));
            return expected == 0 || (offset != null && offset.offset() >= expected);
        } catch (Exception e) {
            return false;
        }
    }

    /** The members of a sink connector's consumer group: a new task joins as a new member. */
    static Set<String> groupMembers(LocalStack stack, String connector) {
        try {
            ConsumerGroupDescription group = stack.kafka().admin().describeConsumerGroups(List.of(sinkGroup(connector)))
                    .all().get(30, TimeUnit.SECONDS).get(sinkGroup(connector));
            return group.members().stream().map(MemberDescription::consumerId).collect(Collectors.toSet());
        } catch (Exception e) {
            return Set.of();
        }
    }

    /** {@code PUT /connectors/{name}/stop} or {@code /resume}: Connect answers 202 and acts asynchronously. */
    static void changeState(LocalStack stack, String connector, String action) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.connect().restUrl() + "/connectors/" + connector + "/" + action))
                .timeout(Duration.ofSeconds(60))
                .PUT(HttpRequest.BodyPublishers.noBody())
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202 && response.statusCode() != 204) {
                throw new IllegalStateException("PUT " + action + " of " + connector + " answered " + response.statusCode()
                        + ": " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String connectorState(LocalStack stack, String connector) {
        return stack.connect().status(connector).path("connector").path("state").asText();
    }

    static List<String> taskStates(LocalStack stack, String connector) {
        List<String> states = new ArrayList<>();
        stack.connect().status(connector).path("tasks").forEach(task -> states.add(task.path("state").asText()));
        return states;
    }

    /** Rows of a query as column name to value; null while the database cannot answer (the caller polls again). */
    static List<Map<String, Object>> query(LocalStack stack, String database, String sql) {
        return DatabaseRows.query(stack, database, sql);
    }

    /** One row by key, or empty. */
    static Optional<Map<String, Object>> row(LocalStack stack, String database, String table, String addressId) {
        List<Map<String, Object>> rows = query(stack, database,
                "SELECT * FROM " + table + " WHERE address_id = '" + addressId.replace("'", "''") + "'");
        return rows == null || rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static JsonNode json(byte[] bytes) {
        try {
            return bytes == null ? JSON.nullNode() : JSON.readTree(bytes);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + new String(bytes, StandardCharsets.UTF_8), e);
        }
    }
}
