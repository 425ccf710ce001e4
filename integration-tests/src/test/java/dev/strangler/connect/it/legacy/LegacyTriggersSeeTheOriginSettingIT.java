package dev.strangler.connect.it.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.strangler.connect.harness.Await;

/**
 * The origin convention's PostgreSQL trigger: the legacy schema resets the marker column on every write from the
 * transaction-local setting {@code strangler.origin}, which only the sink's transactions set. Every kind of write
 * the sink makes must therefore run after the setting, whichever statement opens its transaction: a multi-row
 * upsert (the setting travels in the same round trip), an update-only write and a hard delete's marker stamp (the
 * setting in a round trip of its own). A legacy application's write, outside the sink's transactions, gets no marker.
 */
class LegacyTriggersSeeTheOriginSettingIT {

    private static final String MAPPING = """
            events:
              CustomerRegistered:
                writes:
                  - table: legacy.customer
                    mode: upsert
                    key: [cust_no]
                    columns: {cust_no: {field: id}, cust_name: {field: name}}
                    guard: {column: event_version, field: version}
              CustomerRenamed:
                writes:
                  - table: legacy.customer
                    mode: update-only
                    key: [cust_no]
                    columns: {cust_no: {field: id}, cust_name: {field: name}}
                    guard: {column: event_version, field: version}
              CustomerErased:
                writes:
                  - table: legacy.customer
                    mode: delete
                    key: [cust_no]
                    columns: {cust_no: {field: id}}
                    guard: {column: event_version, field: version}
            """;
    private static LegacySinkFixture sink;

    @BeforeAll
    static void createSchema() {
        sink = LegacySinkFixture.withEmptyDatabase("legacy-origin-setting", "customers");
        sink.execute(
                "CREATE SCHEMA legacy",
                "CREATE TABLE legacy.customer (cust_no varchar(12) PRIMARY KEY, cust_name varchar(40),"
                        + " event_version bigint, strangler_origin varchar(40))",
                // The convention's trigger: the marker is what the writing transaction's setting says, nothing else.
                "CREATE FUNCTION legacy.stamp_origin() RETURNS trigger LANGUAGE plpgsql AS $$"
                        + " BEGIN NEW.strangler_origin := nullif(current_setting('strangler.origin', true), ''); RETURN NEW; END $$",
                "CREATE TRIGGER stamp_origin BEFORE INSERT OR UPDATE ON legacy.customer FOR EACH ROW EXECUTE FUNCTION legacy.stamp_origin()");
        sink.execute(LegacySinkFixture.rememberRemovedRows("legacy.customer", "cust_no"));
    }

    @Test
    void everyKindOfWriteRunsAfterTheSettingWhicheverStatementOpensTheTransaction() {
        sink.start(MAPPING);

        try (KafkaProducer<String, String> producer = sink.producer()) {
            // Each step waits for the previous one, so each opens transactions of its own kind of statement.
            for (String id : List.of("C-1", "C-2", "C-3")) {
                sink.send(producer, id, "CustomerRegistered", customer(id, "Registered " + id, 1));
            }
            awaitRows("the registrations", "SELECT count(*) FROM legacy.customer WHERE event_version = 1", 3);
            assertThat(markers()).containsExactly(marked("C-1", 1), marked("C-2", 1), marked("C-3", 1));

            // A legacy application's own write: outside the sink's transactions, so the trigger leaves no marker.
            sink.execute("UPDATE legacy.customer SET cust_name = 'Legacy C-2' WHERE cust_no = 'C-2'");
            assertThat(sink.query("SELECT strangler_origin FROM legacy.customer WHERE cust_no = 'C-2'"))
                    .containsExactly(java.util.Collections.singletonMap("strangler_origin", null));

            sink.send(producer, "C-2", "CustomerRenamed", customer("C-2", "Renamed C-2", 2));
            awaitRows("the rename", "SELECT count(*) FROM legacy.customer WHERE cust_no = 'C-2' AND event_version = 2", 1);
            assertThat(markers()).containsExactly(marked("C-1", 1), marked("C-2", 2), marked("C-3", 1));

            sink.send(producer, "C-3", "CustomerErased", "{\"id\": \"C-3\", \"version\": 2}");
            awaitRows("the erasure", "SELECT count(*) FROM legacy.customer_removed", 1);
        }
        assertThat(sink.query("SELECT cust_no, strangler_origin FROM legacy.customer_removed"))
                .containsExactly(Map.of("cust_no", "C-3", "strangler_origin", "strangler-connect"));
        assertThat(sink.deadLetters(Duration.ofSeconds(10))).isEmpty();
        assertThat(sink.taskState()).isEqualTo("RUNNING");
        sink.delete();
    }

    private static String customer(String id, String name, long version) {
        return "{\"id\": \"" + id + "\", \"name\": \"" + name + "\", \"version\": " + version + "}";
    }

    private static void awaitRows(String what, String countQuery, long expected) {
        Await.until(what, Duration.ofMinutes(2), () -> sink.count(countQuery) == expected);
    }

    private static List<Map<String, Object>> markers() {
        return sink.query("SELECT cust_no, event_version, strangler_origin FROM legacy.customer ORDER BY cust_no");
    }

    private static Map<String, Object> marked(String id, long version) {
        return Map.of("cust_no", id, "event_version", version, "strangler_origin", "strangler-connect");
    }
}
