package dev.strangler.connect.it.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.strangler.connect.harness.Await;
import dev.strangler.connect.harness.LocalStack;

/**
 * The worker is killed (SIGKILL: nothing flushed) while a service keeps writing events, and comes back: a
 * read_committed consumer sees every event exactly once. Housekeeping deletes published rows meanwhile; because it
 * only ever deletes up to a committed offset, the crash cannot make it delete an event that still had to be
 * published.
 */
class WorkerCrashMidStreamLosesAndDuplicatesNothingIT {

    private static final String DATABASE = "outbox_crash";
    private static final String PREFIX = "outbox-crash";
    private static final String TOPIC = PREFIX + ".Order";
    private static final String CONNECTOR = "outbox-crash";
    private static final int EVENTS = 1500;

    private static LocalStack stack;

    @BeforeAll
    static void createOutbox() {
        stack = LocalStack.shared();
        OutboxFixture.createOutbox(stack, DATABASE, "jsonb");
        stack.kafka().createTopic(TOPIC, 2);
    }

    @AfterAll
    static void removeConnector() {
        stack.connect().deleteConnector(CONNECTOR);
    }

    @Test
    void everyEventExactlyOnceForAReadCommittedConsumer() throws Exception {
        Map<String, String> config = OutboxFixture.connectorConfig(stack, DATABASE, PREFIX);
        config.put("exactly.once.support", "required");
        config.put("poll.batch.size", "50");
        config.put("housekeeping.mode", "delete");
        config.put("housekeeping.interval.ms", "500");
        stack.connect().putConnector(CONNECTOR, config);
        stack.connect().awaitConnectorRunning(CONNECTOR, Duration.ofMinutes(2));

        CompletableFuture<Void> service = CompletableFuture.runAsync(() -> OutboxFixture.writeNumberedEvents(stack, DATABASE, EVENTS, 5, 37));

        Await.until("a third of the events on the topic before the crash", Duration.ofMinutes(2),
                () -> stack.kafka().consumeAll(TOPIC, Duration.ofSeconds(30), true).size() >= EVENTS / 3);
        stack.connect().crashAndRestartWorker();
        stack.connect().awaitConnectorRunning(CONNECTOR, Duration.ofMinutes(2));
        service.get(5, TimeUnit.MINUTES);

        List<ConsumerRecord<byte[], byte[]>> records = stack.kafka().consumeReadCommitted(TOPIC, EVENTS, Duration.ofMinutes(3));
        records = stack.kafka().consumeAll(TOPIC, Duration.ofMinutes(1), true);
        List<Integer> numbers = records.stream().map(r -> OutboxFixture.value(r).path("n").asInt()).toList();
        assertThat(numbers).doesNotHaveDuplicates().hasSize(EVENTS);
        Set<Integer> expected = new HashSet<>();
        for (int n = 0; n < EVENTS; n++) {
            expected.add(n);
        }
        assertThat(new HashSet<>(numbers)).isEqualTo(expected);

        Await.until("housekeeping to delete every published row", Duration.ofMinutes(1), () -> OutboxFixture.outboxRows(stack, DATABASE) == 0);
    }
}
