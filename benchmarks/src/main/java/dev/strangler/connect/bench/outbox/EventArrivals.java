package dev.strangler.connect.bench.outbox;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A {@code read_committed} consumer of one contender's topic that notes, for every event sequence number, the moment
 * its record first became visible to a consumer (the return of the poll that delivered it) and the broker's append
 * time of the record (the topic's timestamps are LogAppendTime), which splits the latency into the connector's part
 * (commit to append) and the Kafka transaction's and consumer's part (append to visible). Duplicates and records
 * it cannot read are counted, not timed.
 */
final class EventArrivals implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final long[] arrivalNanos;
    /** The broker's append time of each event's record (the topic uses LogAppendTime), wall-clock milliseconds. */
    private final long[] appendMillis;
    private final AtomicInteger distinct = new AtomicInteger();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong unreadable = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;

    EventArrivals(String bootstrapServers, String topic, int capacity) {
        this.arrivalNanos = new long[capacity];
        this.appendMillis = new long[capacity];
        Properties properties = new Properties();
        properties.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.setProperty(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        properties.setProperty(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        TopicPartition partition = new TopicPartition(topic, 0);
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        this.thread = new Thread(() -> consume(consumer), "arrivals-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    private void consume(KafkaConsumer<byte[], byte[]> consumer) {
        try (consumer) {
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                long now = System.nanoTime();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    long seq = sequence(record.value());
                    if (seq < 0 || seq >= arrivalNanos.length) {
                        unreadable.incrementAndGet();
                    } else if (arrivalNanos[(int) seq] != 0) {
                        duplicates.incrementAndGet();
                    } else {
                        arrivalNanos[(int) seq] = now;
                        appendMillis[(int) seq] = record.timestamp();
                        distinct.incrementAndGet(); // publishes the arrival time to readers of distinct()
                    }
                }
            }
        } catch (Throwable e) {
            failure = e;
        }
    }

    /** The payload's {@code seq}: an expanded JSON object, or (a pass-through payload) a JSON string holding one. */
    private static long sequence(byte[] value) {
        if (value == null) {
            return -1;
        }
        try {
            JsonNode node = JSON.readTree(value);
            if (node.isTextual()) {
                node = JSON.readTree(node.asText());
            }
            return node.path("seq").asLong(-1);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    /** Distinct events seen so far. */
    int distinct() {
        checkAlive();
        return distinct.get();
    }

    long duplicates() {
        return duplicates.get();
    }

    long unreadable() {
        return unreadable.get();
    }

    /** Arrival of event {@code seq} (nanoTime), 0 when not seen. Read after {@link #distinct()} covered it. */
    long arrival(long seq) {
        return arrivalNanos[(int) seq];
    }

    /** When the broker appended event {@code seq}'s record (wall clock, ms); read like {@link #arrival}. */
    long appended(long seq) {
        return appendMillis[(int) seq];
    }

    private void checkAlive() {
        if (failure != null) {
            throw new IllegalStateException("The consumer failed", failure);
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
