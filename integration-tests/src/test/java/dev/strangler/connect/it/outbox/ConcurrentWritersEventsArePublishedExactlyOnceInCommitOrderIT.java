package dev.strangler.connect.it.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.strangler.connect.harness.LocalStack;

/**
 * Many writers whose transactions last random times and sometimes roll back, against a running connector under
 * exactly-once source support with Kafka transactions cut only at database transaction ends: a read_committed consumer sees
 * every committed event exactly once, each aggregate's events in commit order, and never a rolled-back event. This
 * is the scenario where id-ordered polling loses events (a later id commits first).
 *
 * <p>Commit order per aggregate rests on two promises, asserted separately so that a failure names its culprit: the
 * connector publishes in {@code (xid, id)} order, and the writers (serialising on an advisory lock before their first
 * write) make each aggregate's xid order its commit order. Writers that wait with {@code SELECT ... FOR UPDATE} on the
 * row they then update break the second promise (README, "Order"): with them this test fails on the table's order,
 * as it did once in a run of a checkout that still had such writers.
 */
class ConcurrentWritersEventsArePublishedExactlyOnceInCommitOrderIT {

    private static final String DATABASE = "outbox_concurrency";
    private static final String PREFIX = "outbox-concurrency";
    private static final String TOPIC = PREFIX + ".Account";
    private static final String CONNECTOR = "outbox-concurrency";
    private static final int WRITERS = 8;
    private static final int TRANSACTIONS_PER_WRITER = 40;
    private static final int AGGREGATES = 12;

    private static LocalStack stack;

    @BeforeAll
    static void createOutbox() throws SQLException {
        stack = LocalStack.shared();
        OutboxFixture.createOutbox(stack, DATABASE, "jsonb");
        stack.postgres().execute(DATABASE, "CREATE TABLE account (id varchar(20) PRIMARY KEY, version bigint NOT NULL)");
        for (int a = 0; a < AGGREGATES; a++) {
            stack.postgres().execute(DATABASE, "INSERT INTO account VALUES ('acc-" + a + "', 0)");
        }
        stack.kafka().createTopic(TOPIC, 3);
        burnTransactionIdsToJustBelowAPowerOfTen();
    }

    /**
     * Makes the writers' transaction ids cross a power of ten (999 -> 1000, 9999 -> 10000): where ids are compared
     * or sorted as text instead of numbers (as a bare ORDER BY on a text-cast column once did), that crossing
     * publishes rows out of order and jumps over others.
     */
    private static void burnTransactionIdsToJustBelowAPowerOfTen() throws SQLException {
        try (Connection connection = stack.postgres().connect(DATABASE); Statement statement = connection.createStatement()) {
            long current;
            try (ResultSet resultSet = statement.executeQuery("SELECT pg_current_xact_id()::text::bigint")) {
                resultSet.next();
                current = resultSet.getLong(1);
            }
            long nextPower = 10;
            while (nextPower <= current + 50) {
                nextPower *= 10;
            }
            for (long xid = current; xid < nextPower - 50 && nextPower <= 100_000; xid++) {
                statement.execute("SELECT pg_current_xact_id()"); // each autocommitted statement takes one id
            }
        }
    }

    @AfterAll
    static void removeConnector() {
        stack.connect().deleteConnector(CONNECTOR);
    }

    @Test
    void everyCommittedEventOnceInCommitOrderPerAggregateAndNoRolledBackEvent() throws Exception {
        Map<String, String> config = OutboxFixture.connectorConfig(stack, DATABASE, PREFIX);
        config.put("exactly.once.support", "required");
        config.put("transaction.boundary", "connector");
        config.put("poll.batch.size", "7"); // small batches: many batch limits fall inside a source transaction
        stack.connect().putConnector(CONNECTOR, config);
        stack.connect().awaitConnectorRunning(CONNECTOR, Duration.ofMinutes(2));

        Set<String> rolledBack = ConcurrentHashMap.newKeySet();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            done.add(writers.submit(() -> {
                write(writer, rolledBack);
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get(5, TimeUnit.MINUTES);
        }
        writers.shutdown();

        Map<Long, String> committed = committedEvents();
        assertThat(committed).hasSizeGreaterThan(WRITERS * TRANSACTIONS_PER_WRITER / 2);
        List<ConsumerRecord<byte[], byte[]>> records = stack.kafka().consumeReadCommitted(TOPIC, committed.size(), Duration.ofMinutes(3));
        // Anything beyond the committed events would be a duplicate or a rolled-back event: read to the end.
        records = stack.kafka().consumeAll(TOPIC, Duration.ofMinutes(1), true);

        List<Long> publishedIds = records.stream().map(r -> Long.parseLong(OutboxFixture.header(r, "id"))).toList();
        assertThat(publishedIds).doesNotHaveDuplicates();
        assertThat(new HashSet<>(publishedIds)).isEqualTo(committed.keySet());
        assertThat(records).noneMatch(r -> rolledBack.contains(OutboxFixture.value(r).path("token").asText()));

        Map<String, List<Long>> publishedOrder = new LinkedHashMap<>();
        Map<String, List<JsonNode>> publishedEvents = new LinkedHashMap<>();
        records.stream()
                .sorted(Comparator.comparingInt((ConsumerRecord<byte[], byte[]> r) -> r.partition()).thenComparingLong(ConsumerRecord::offset))
                .forEach(r -> {
                    publishedOrder.computeIfAbsent(OutboxFixture.key(r), k -> new ArrayList<>()).add(Long.parseLong(OutboxFixture.header(r, "id")));
                    publishedEvents.computeIfAbsent(OutboxFixture.key(r), k -> new ArrayList<>()).add(OutboxFixture.value(r));
                });

        // The connector's own promise: per aggregate, topic order is (xid, id) order.
        Map<String, List<StoredEvent>> stored = eventsInPositionOrder();
        stored.forEach((aggregate, events) -> assertThat(publishedOrder.get(aggregate))
                .as("published order of %s = (xid, id) order", aggregate)
                .containsExactlyElementsOf(events.stream().map(StoredEvent::id).toList()));

        // The writers' side of the README's precondition: each aggregate's transactions got their xids in commit
        // (version) order. If this fails, the writers broke the precondition (as a FOR UPDATE wait on the row the
        // transaction then updates does); the connector is not at fault.
        stored.forEach((aggregate, events) -> assertVersionsRunInOrder("(xid, id) order in the table", aggregate,
                events.stream().map(StoredEvent::payload).toList()));

        // What a consumer sees: per aggregate, in topic order, versions run 1, 2, 3, ... (each committed transaction
        // took the next one under the aggregate's lock), the events of one transaction keep their order, and the
        // last one is the aggregate's final version.
        Map<String, Long> finalVersions = finalVersions();
        publishedEvents.forEach((aggregate, events) -> {
            long lastVersion = assertVersionsRunInOrder("topic order", aggregate, events);
            assertThat(lastVersion).as("last published version of %s", aggregate).isEqualTo(finalVersions.get(aggregate));
        });
    }

    /** Versions 1, 2, 3, ... each with steps 0, 1, ...; returns the last version. */
    private static long assertVersionsRunInOrder(String order, String aggregate, List<JsonNode> events) {
        long lastVersion = 0;
        int lastStep = -1;
        for (JsonNode event : events) {
            long version = event.path("version").asLong();
            int step = event.path("step").asInt();
            if (version == lastVersion) {
                assertThat(step).as("%s: step after %s in version %s of %s", order, lastStep, version, aggregate).isEqualTo(lastStep + 1);
            } else {
                assertThat(version).as("%s: version after %s of %s", order, lastVersion, aggregate).isEqualTo(lastVersion + 1);
                assertThat(step).as("%s: first step of version %s of %s", order, version, aggregate).isZero();
            }
            lastVersion = version;
            lastStep = step;
        }
        return lastVersion;
    }

    /** One writer: each transaction locks an aggregate, waits, writes its version and 1-3 events, waits, commits or rolls back. */
    private static void write(int writer, Set<String> rolledBack) throws SQLException, InterruptedException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try (Connection connection = stack.postgres().connect(DATABASE)) {
            connection.setAutoCommit(false);
            for (int t = 0; t < TRANSACTIONS_PER_WRITER; t++) {
                String aggregate = "acc-" + random.nextInt(AGGREGATES);
                String token = "w" + writer + "-t" + t;
                pause(random);
                long version;
                // Writers of one aggregate serialise on a transaction-level advisory lock taken before their first
                // write: waiting for it assigns no transaction id, so each transaction gets its id only after the
                // previous one of the aggregate committed, and xid order is commit order (the precondition the README
                // states; a FOR UPDATE wait on a row the holder then updates does not give that guarantee).
                try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                    lock.setString(1, aggregate);
                    lock.execute();
                }
                try (PreparedStatement read = connection.prepareStatement("SELECT version FROM account WHERE id = ?")) {
                    read.setString(1, aggregate);
                    try (ResultSet resultSet = read.executeQuery()) {
                        resultSet.next();
                        version = resultSet.getLong(1) + 1;
                    }
                }
                try (PreparedStatement bump = connection.prepareStatement("UPDATE account SET version = ? WHERE id = ?")) {
                    bump.setLong(1, version);
                    bump.setString(2, aggregate);
                    bump.executeUpdate();
                }
                pause(random);
                int events = 1 + random.nextInt(3);
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO outbox (aggregatetype, aggregateid, type, payload) VALUES ('Account', ?, 'Changed', ?::jsonb)")) {
                    for (int step = 0; step < events; step++) {
                        insert.setString(1, aggregate);
                        insert.setString(2, "{\"version\":" + version + ",\"step\":" + step + ",\"token\":\"" + token + "\"}");
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                pause(random);
                if (random.nextInt(10) == 0) {
                    rolledBack.add(token);
                    connection.rollback();
                } else {
                    connection.commit();
                }
            }
        }
    }

    /** A random time inside the transaction, so transactions overlap and commit out of xid order. */
    private static void pause(ThreadLocalRandom random) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(random.nextInt(40));
    }

    private static Map<Long, String> committedEvents() throws SQLException {
        Map<Long, String> events = new HashMap<>();
        try (Connection connection = stack.postgres().connect(DATABASE); Statement statement = connection.createStatement();
             ResultSet resultSet = statement.executeQuery("SELECT id, aggregateid FROM outbox")) {
            while (resultSet.next()) {
                events.put(resultSet.getLong(1), resultSet.getString(2));
            }
        }
        return events;
    }

    private record StoredEvent(long id, JsonNode payload) {
    }

    /** The committed events of each aggregate in the order the connector promises to publish them: (xid, id). */
    private static Map<String, List<StoredEvent>> eventsInPositionOrder() throws SQLException {
        Map<String, List<StoredEvent>> events = new LinkedHashMap<>();
        try (Connection connection = stack.postgres().connect(DATABASE); Statement statement = connection.createStatement();
             ResultSet resultSet = statement.executeQuery("SELECT aggregateid, id, payload::text FROM outbox ORDER BY xid, id")) {
            while (resultSet.next()) {
                JsonNode payload;
                try {
                    payload = OutboxFixture.JSON.readTree(resultSet.getString(3));
                } catch (IOException e) {
                    throw new AssertionError("outbox payload is not JSON", e);
                }
                events.computeIfAbsent(resultSet.getString(1), k -> new ArrayList<>()).add(new StoredEvent(resultSet.getLong(2), payload));
            }
        }
        return events;
    }

    private static Map<String, Long> finalVersions() throws SQLException {
        Map<String, Long> versions = new HashMap<>();
        try (Connection connection = stack.postgres().connect(DATABASE); Statement statement = connection.createStatement();
             ResultSet resultSet = statement.executeQuery("SELECT id, version FROM account")) {
            while (resultSet.next()) {
                versions.put(resultSet.getString(1), resultSet.getLong(2));
            }
        }
        return versions;
    }
}
