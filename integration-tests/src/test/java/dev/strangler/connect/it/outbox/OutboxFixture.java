package dev.strangler.connect.it.outbox;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.sql.Statement;
import java.sql.ResultSet;
import java.sql.PreparedStatement;
import java.sql.Connection;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.strangler.connect.harness.LocalStack;
import dev.strangler.connect.harness.PostgresServer;

/**
 * The outbox table a service would create (the DDL from the module README) and the connector JSON a user would
 * write, shared by the outbox integration tests; each test passes its own database, topic and connector names.
 */
final class OutboxFixture {

    static final String CONNECTOR_CLASS = "dev.strangler.connect.outbox.OutboxSourceConnector";
    static final ObjectMapper JSON = new ObjectMapper();

    private OutboxFixture() {
    }

    /** Creates the database and an outbox table with the xid8 column, the (xid, id) index and the NOTIFY trigger. */
    static void createOutbox(LocalStack stack, String database, String payloadType) {
        PostgresServer postgres = stack.postgres();
        postgres.createDatabase(database);
        postgres.execute(database,
                "CREATE TABLE outbox ("
                        + " id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                        + " xid xid8 NOT NULL DEFAULT pg_current_xact_id(),"
                        + " aggregatetype varchar(255) NOT NULL,"
                        + " aggregateid varchar(255),"
                        + " type varchar(255) NOT NULL,"
                        + " payload " + payloadType + ","
                        + " created_at timestamptz NOT NULL DEFAULT clock_timestamp())",
                "CREATE INDEX outbox_position ON outbox (xid, id)",
                "CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$"
                        + " BEGIN PERFORM pg_notify('outbox_events', TG_TABLE_NAME); RETURN NULL; END $$",
                "CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()");
    }

    /** The connector configuration as JSON through REST: keys as strings, converters chosen per connector. */
    static Map<String, String> connectorConfig(LocalStack stack, String database, String topicPrefix) {
        PostgresServer postgres = stack.postgres();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", CONNECTOR_CLASS);
        config.put("tasks.max", "1");
        config.put("connection.url", postgres.jdbcUrl(database));
        config.put("connection.user", postgres.user());
        config.put("connection.password", postgres.password());
        config.put("outbox.tables", "public.outbox");
        config.put("column.timestamp", "created_at");
        config.put("topic.pattern", topicPrefix + ".${aggregatetype}");
        config.put("poll.notify.channel", "outbox_events");
        config.put("poll.interval.ms", "1000");
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        return config;
    }

    static String key(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    }

    static JsonNode value(ConsumerRecord<byte[], byte[]> record) {
        try {
            return JSON.readTree(record.value());
        } catch (java.io.IOException e) {
            throw new AssertionError("record value is not JSON", e);
        }
    }

    static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * A service writing events {@code {"n": 0..events-1}} in small transactions (1 to {@code maxPerTransaction} events,
     * aggregates {@code order-0..order-(aggregates-1)}), pausing every ten transactions so that a test can crash the
     * worker while the service is still writing.
     */
    static void writeNumberedEvents(LocalStack stack, String database, int events, int maxPerTransaction, int aggregates) {
        try (Connection connection = stack.postgres().connect(database);
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO outbox (aggregatetype, aggregateid, type, payload) VALUES ('Order', ?, 'Placed', ?::jsonb)")) {
            connection.setAutoCommit(false);
            int n = 0;
            int transactions = 0;
            while (n < events) {
                int size = Math.min(1 + n % maxPerTransaction, events - n);
                for (int i = 0; i < size; i++, n++) {
                    insert.setString(1, "order-" + (n % aggregates));
                    insert.setString(2, "{\"n\":" + n + "}");
                    insert.addBatch();
                }
                insert.executeBatch();
                connection.commit();
                if (++transactions % 10 == 0) {
                    // Spread the writes over ~10 s so that the crash happens while the service is still writing.
                    TimeUnit.MILLISECONDS.sleep(200);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("the service failed to write events", e);
        }
    }

    static long outboxRows(LocalStack stack, String database) {
        try (Connection connection = stack.postgres().connect(database); Statement statement = connection.createStatement();
             ResultSet resultSet = statement.executeQuery("SELECT count(*) FROM outbox")) {
            resultSet.next();
            return resultSet.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
