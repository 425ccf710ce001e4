package dev.strangler.connect.it.plan;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.strangler.connect.harness.LocalStack;

/**
 * The new address service, as far as the migration sees it. It consumes the ACL's domain events and applies each
 * legacy change to its own table, and it accepts address changes of its own users. Either way it writes its state
 * and an {@code AddressChanged} event in its outbox in one transaction, as a service with a transactional outbox
 * does; the event carries {@code occurredAt}, the time the change happened (legacy's commit time for a change taken
 * over from legacy), which the legacy sink judges authority by. The consumed position is stored in the same
 * transaction, so each domain event is applied exactly once.
 */
final class AddressService implements AutoCloseable {

    private static final Set<String> APPLIED_EVENT_TYPES = Set.of("Created", "Changed", "SnapshotRead");

    private final LocalStack stack;
    private final String database;
    private final String domainEvents;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread consumerThread;

    private AddressService(LocalStack stack, String database, String domainEvents) {
        this.stack = stack;
        this.database = database;
        this.domainEvents = domainEvents;
        this.consumerThread = new Thread(this::consumeDomainEvents, "plan-address-service");
        this.consumerThread.setDaemon(true);
    }

    /** Starts consuming the domain events in the background. */
    static AddressService start(LocalStack stack, String database, String domainEvents) {
        AddressService service = new AddressService(stack, database, domainEvents);
        service.consumerThread.start();
        return service;
    }

    /** A user of the service changes an address: state and outbox event in one transaction. */
    void changeStreet(String addressId, String street) {
        try (Connection connection = stack.postgres().connect(database)) {
            connection.setAutoCommit(false);
            // the aggregate's row lock is the transaction's first write: outbox order = commit order per aggregate
            try (PreparedStatement lock = connection.prepareStatement("SELECT 1 FROM address WHERE address_id = ? FOR UPDATE")) {
                lock.setString(1, addressId);
                try (ResultSet found = lock.executeQuery()) {
                    if (!found.next()) {
                        throw new IllegalStateException("The service does not know address " + addressId);
                    }
                }
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE address SET street = ?, version = version + 1, last_changed_by = 'service' WHERE address_id = ?"
                            + " RETURNING address_id, customer_no, country, street, city, postal_code, version")) {
                update.setString(1, street);
                update.setString(2, addressId);
                try (ResultSet state = update.executeQuery()) {
                    state.next();
                    writeOutbox(connection, state, "service", Instant.now());
                }
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("The service could not change address " + addressId, e);
        }
    }

    /** @throws AssertionError when applying a domain event failed: the test must not wait for a dead consumer */
    void assertHealthy() {
        Throwable failed = failure.get();
        if (failed != null) {
            throw new AssertionError("The address service stopped: " + failed, failed);
        }
    }

    private void consumeDomainEvents() {
        TopicPartition partition = new TopicPartition(domainEvents, 0);
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            consumer.assign(List.of(partition));
            long position = storedPosition(partition);
            if (position < 0) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, position);
            }
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    apply(record);
                }
            }
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties properties = new Properties();
        properties.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        properties.setProperty(ConsumerConfig.GROUP_ID_CONFIG, "plan_address-service-" + UUID.randomUUID());
        // the CDC connector writes in Kafka transactions (exactly once): see only what it committed
        properties.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private long storedPosition(TopicPartition partition) throws SQLException {
        try (Connection connection = stack.postgres().connect(database);
             PreparedStatement select = connection.prepareStatement(
                     "SELECT next_offset FROM consumer_position WHERE topic = ? AND kafka_partition = ?")) {
            select.setString(1, partition.topic());
            select.setInt(2, partition.partition());
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getLong(1) : -1;
            }
        }
    }

    /** Applies one legacy change: state, outbox event and consumed position in one transaction. */
    private void apply(ConsumerRecord<byte[], byte[]> record) throws SQLException {
        String eventType = AddressMigrationFixture.header(record, "acl.event.type");
        if (!APPLIED_EVENT_TYPES.contains(eventType)) {
            throw new IllegalStateException("Unexpected domain event type " + eventType + " at offset " + record.offset());
        }
        JsonNode row = AddressMigrationFixture.json(record.value());
        Instant committedInLegacy = Instant.ofEpochMilli(Long.parseLong(AddressMigrationFixture.header(record, "acl.source.ts.ms")));
        try (Connection connection = stack.postgres().connect(database)) {
            connection.setAutoCommit(false);
            try (PreparedStatement upsert = connection.prepareStatement(
                    "INSERT INTO address (address_id, customer_no, country, street, city, postal_code, version,"
                            + " legacy_changes_applied, last_changed_by) VALUES (?, ?, ?, ?, ?, ?, 1, 1, 'legacy')"
                            + " ON CONFLICT (address_id) DO UPDATE SET customer_no = EXCLUDED.customer_no,"
                            + " country = EXCLUDED.country, street = EXCLUDED.street, city = EXCLUDED.city,"
                            + " postal_code = EXCLUDED.postal_code, version = address.version + 1,"
                            + " legacy_changes_applied = address.legacy_changes_applied + 1, last_changed_by = 'legacy'"
                            + " RETURNING address_id, customer_no, country, street, city, postal_code, version")) {
                upsert.setString(1, row.path("addressId").asText());
                upsert.setString(2, row.path("customerNo").asText());
                upsert.setString(3, row.path("country").asText().trim());
                upsert.setString(4, text(row, "street"));
                upsert.setString(5, text(row, "city"));
                upsert.setString(6, text(row, "postalCode"));
                try (ResultSet state = upsert.executeQuery()) {
                    state.next();
                    writeOutbox(connection, state, "legacy", committedInLegacy);
                }
            }
            try (PreparedStatement position = connection.prepareStatement(
                    "INSERT INTO consumer_position (topic, kafka_partition, next_offset) VALUES (?, ?, ?)"
                            + " ON CONFLICT (topic, kafka_partition) DO UPDATE SET next_offset = EXCLUDED.next_offset")) {
                position.setString(1, record.topic());
                position.setInt(2, record.partition());
                position.setLong(3, record.offset() + 1);
                position.executeUpdate();
            }
            connection.commit();
        }
    }

    private static void writeOutbox(Connection connection, ResultSet state, String origin, Instant occurredAt) throws SQLException {
        ObjectNode payload = AddressMigrationFixture.JSON.createObjectNode()
                .put("addressId", state.getString("address_id"))
                .put("customerNo", state.getString("customer_no"))
                .put("country", state.getString("country"))
                .put("street", state.getString("street"))
                .put("city", state.getString("city"))
                .put("postalCode", state.getString("postal_code"))
                .put("version", state.getLong("version"))
                .put("origin", origin)
                .put("occurredAt", occurredAt.toString());
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO outbox (aggregatetype, aggregateid, type, payload) VALUES ('Address', ?, 'AddressChanged', ?::jsonb)")) {
            insert.setString(1, state.getString("address_id"));
            insert.setString(2, new String(AddressMigrationFixture.JSON.writeValueAsBytes(payload), StandardCharsets.UTF_8));
            insert.executeUpdate();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(JsonNode row, String field) {
        JsonNode value = row.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        consumerThread.join(Duration.ofSeconds(30).toMillis());
    }
}
