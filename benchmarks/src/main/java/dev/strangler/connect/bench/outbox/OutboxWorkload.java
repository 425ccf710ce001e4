package dev.strangler.connect.bench.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.strangler.connect.harness.PostgresServer;

/**
 * The outbox workload every contender publishes: a Debezium-layout outbox table (plus the {@code xid} column our
 * connector reads), a backlog written before the connector starts, and single-event service transactions committed
 * at a fixed offered rate. Every event's payload carries its sequence number, so the consumer side can match each
 * record to the moment its transaction committed.
 */
final class OutboxWorkload {

    static final String CHANNEL = "outbox_events";

    private final PostgresServer postgres;
    private final String database;
    private final String aggregateType;

    OutboxWorkload(PostgresServer postgres, String database, String aggregateType) {
        this.postgres = postgres;
        this.database = database;
        this.aggregateType = aggregateType;
    }

    /** The table of the connector's README, the position index, and (for LISTEN/NOTIFY) the wake-up trigger. */
    void createTable(boolean notifyTrigger) {
        postgres.createDatabase(database);
        postgres.execute(database,
                "CREATE TABLE outbox (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                        + " xid xid8 NOT NULL DEFAULT pg_current_xact_id(), aggregatetype varchar(255) NOT NULL,"
                        + " aggregateid varchar(255) NOT NULL, type varchar(255) NOT NULL, payload jsonb,"
                        + " created_at timestamptz NOT NULL DEFAULT clock_timestamp())",
                "CREATE INDEX outbox_position ON outbox (xid, id)");
        if (notifyTrigger) {
            postgres.execute(database,
                    "CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$"
                            + " BEGIN PERFORM pg_notify('" + CHANNEL + "', TG_TABLE_NAME); RETURN NULL; END $$",
                    "CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()");
        }
    }

    /** For Debezium: the publication and the slot exist before the backlog, so the backlog is in the slot's stream. */
    void createPublicationAndSlot(String name) {
        postgres.execute(database,
                "CREATE PUBLICATION " + name + " FOR TABLE outbox",
                "SELECT pg_create_logical_replication_slot('" + name + "', 'pgoutput')");
    }

    /** Events {@code [from, to)} written server-side in transactions of 10,000 (the backlog; not timed). */
    void writeBacklog(long from, long to) {
        try (Connection connection = postgres.connect(database);
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO outbox (aggregatetype, aggregateid, type, payload)"
                             + " SELECT ?, 'c-' || (g % 1000), 'OrderPlaced', jsonb_build_object('seq', g,"
                             + " 'customer', jsonb_build_object('id', 'c-' || (g % 1000), 'tier', 'gold'),"
                             + " 'amount', 12.5, 'tags', jsonb_build_array('web', 'promo'))"
                             + " FROM generate_series(?::bigint, ?::bigint) AS g")) {
            for (long start = from; start < to; start += 10_000) {
                insert.setString(1, aggregateType);
                insert.setLong(2, start);
                insert.setLong(3, Math.min(to, start + 10_000) - 1);
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Writing the backlog failed", e);
        }
    }

    /**
     * Commits events {@code [first, first + count)} one per transaction at {@code ratePerSecond}, on a fixed schedule
     * (event k is due at start + k / rate: a writer that falls behind catches up without sleeping, so the offered rate
     * is the target whenever the writers can keep up). {@code commitNanos[k]} is when event {@code first + k}'s commit
     * returned.
     *
     * @return the nanoTime span from the first to the last commit
     */
    long writeAtRate(long first, int count, int ratePerSecond, int writers, long[] commitNanos) {
        AtomicLong next = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        long start = System.nanoTime() + 200_000_000L;
        for (int w = 0; w < writers; w++) {
            Thread thread = new Thread(() -> {
                try (Connection connection = postgres.connect(database);
                     PreparedStatement insert = connection.prepareStatement(
                             "INSERT INTO outbox (aggregatetype, aggregateid, type, payload) VALUES (?, ?, 'OrderPlaced', ?::jsonb)")) {
                    connection.setAutoCommit(true);
                    for (long k = next.getAndIncrement(); k < count; k = next.getAndIncrement()) {
                        long due = start + k * 1_000_000_000L / ratePerSecond;
                        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                            LockSupport.parkNanos(wait); // pacing the offered load, not waiting for a result
                        }
                        long seq = first + k;
                        insert.setString(1, aggregateType);
                        insert.setString(2, "c-" + (seq % 1000));
                        insert.setString(3, "{\"seq\": " + seq + ", \"customer\": {\"id\": \"c-" + (seq % 1000)
                                + "\", \"tier\": \"gold\"}, \"amount\": 12.5, \"tags\": [\"web\", \"promo\"]}");
                        insert.executeUpdate();
                        commitNanos[(int) k] = System.nanoTime();
                    }
                } catch (SQLException | RuntimeException e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }, "outbox-writer-" + w);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while writing", e);
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("A writer failed", failures.get(0));
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long nanos : commitNanos) {
            min = Math.min(min, nanos);
            max = Math.max(max, nanos);
        }
        return max - min;
    }

    void execute(String... statements) {
        postgres.execute(database, statements);
    }

    /** Drops a replication slot once its walsender has gone (after the Debezium connector was deleted). */
    void dropSlotWhenInactive(String slot) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Connection connection = postgres.connect(database); Statement statement = connection.createStatement()) {
                var active = statement.executeQuery("SELECT active FROM pg_replication_slots WHERE slot_name = '" + slot + "'");
                if (!active.next()) {
                    return;
                }
                if (!active.getBoolean(1)) {
                    statement.execute("SELECT pg_drop_replication_slot('" + slot + "')");
                    return;
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Could not drop slot " + slot, e);
            }
            LockSupport.parkNanos(200_000_000L);
        }
        System.err.println("Slot " + slot + " still active after 60 s; left in place (the stack is disposable)");
    }
}
