package dev.strangler.connect.bench.legacy;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The records every contender writes: {@code CustomerChanged} events in Connect's JSON-with-schema form (the
 * Debezium JDBC sink needs a schema; ours reads the same struct), each key changed once per round with an increasing
 * version, so round one inserts rows and every later round updates them under the version guard.
 * The same payloads also go to a topic without the inline schema, and in Avro ({@link AvroCustomerChanges}), for the
 * contenders that show the sink behind a cheaper converter.
 *
 * <p>Record {@code i}: id = {@code i % keys}, version = {@code i / keys + 1}.
 */
final class CustomerChanges {

    static final String EVENT_TYPE = "CustomerChanged";
    static final String SCHEMA = "{\"type\":\"struct\",\"name\":\"CustomerChanged\",\"optional\":false,\"fields\":["
            + "{\"field\":\"id\",\"type\":\"int64\",\"optional\":false},"
            + "{\"field\":\"version\",\"type\":\"int64\",\"optional\":false},"
            + "{\"field\":\"name\",\"type\":\"string\",\"optional\":false},"
            + "{\"field\":\"status\",\"type\":\"string\",\"optional\":false},"
            + "{\"field\":\"amount_cents\",\"type\":\"int64\",\"optional\":false},"
            + "{\"field\":\"city\",\"type\":\"string\",\"optional\":true}]}";

    /** The legacy table's layout, one per contender; {@code strangler_origin} is our sink's origin marker column. */
    /**
     * A contender's table. Autovacuum is off for it: each contender leaves 200,000 dead row versions behind, and
     * the vacuum they trigger would run during whichever contender comes next.
     */
    static String createTable(String table) {
        return "CREATE TABLE " + table + " (id bigint PRIMARY KEY, version bigint, name varchar(64) NOT NULL,"
                + " status char(1) NOT NULL, amount_cents bigint NOT NULL, city varchar(40), strangler_origin varchar(40))"
                + " WITH (autovacuum_enabled = false)";
    }

    private CustomerChanges() {
    }

    static long id(long record, int keys) {
        return record % keys;
    }

    static long version(long record, int keys) {
        return record / keys + 1;
    }

    static String name(long record) {
        return "Customer " + record;
    }

    static String status(long record) {
        return (record & 1) == 0 ? "A" : "L";
    }

    static long amountCents(long record) {
        return 1_000 + record % 99_000;
    }

    static String city(long record) {
        return record % 7 == 0 ? null : "City " + (record % 500);
    }

    /**
     * Produces {@code records} changes to partition 0 of {@code topic}, key = the id as text; with {@code withSchema}
     * false the same payloads without the inline schema (what {@code schemas.enable=false} reads).
     */
    static void produce(String bootstrapServers, String topic, int records, int keys, boolean withSchema) {
        Properties properties = new Properties();
        properties.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.setProperty(ProducerConfig.LINGER_MS_CONFIG, "20");
        properties.setProperty(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        properties.setProperty(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
            for (long i = 0; i < records; i++) {
                String city = city(i);
                String payload = String.format(Locale.ROOT,
                        "{\"id\":%d,\"version\":%d,\"name\":\"%s\",\"status\":\"%s\",\"amount_cents\":%d,\"city\":%s}",
                        id(i, keys), version(i, keys), name(i), status(i), amountCents(i), city == null ? "null" : "\"" + city + "\"");
                ProducerRecord<String, String> record = new ProducerRecord<>(topic, 0, Long.toString(id(i, keys)),
                        withSchema ? "{\"schema\":" + SCHEMA + ",\"payload\":" + payload + "}" : payload);
                record.headers().add("eventType", EVENT_TYPE.getBytes(StandardCharsets.UTF_8));
                producer.send(record);
            }
            producer.flush();
        }
    }
}
