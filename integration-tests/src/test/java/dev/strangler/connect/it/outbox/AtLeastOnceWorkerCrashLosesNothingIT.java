package dev.strangler.connect.it.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.strangler.connect.harness.Await;
import dev.strangler.connect.harness.ConnectWorker;
import dev.strangler.connect.harness.LocalStack;

/**
 * The same crash as {@link WorkerCrashMidStreamLosesAndDuplicatesNothingIT} on a worker without exactly-once source
 * support: events published after the last flushed offset may be published again, but none is lost, and
 * housekeeping (which deletes only up to a committed offset) never deletes an event before it is published.
 * Needs its own stack, because the shared one runs with exactly-once support.
 */
class AtLeastOnceWorkerCrashLosesNothingIT {

    private static final String DATABASE = "outbox_alo";
    private static final String PREFIX = "outbox-alo";
    private static final String TOPIC = PREFIX + ".Order";
    private static final String CONNECTOR = "outbox-alo";
    private static final int EVENTS = 1200;

    private static LocalStack stack;

    @BeforeAll
    static void startStackWithoutExactlyOnce() {
        stack = LocalStack.start(null, new ConnectWorker.Options().exactlyOnceSource(false));
        OutboxFixture.createOutbox(stack, DATABASE, "jsonb");
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyEventAtLeastOnce() throws Exception {
        Map<String, String> config = OutboxFixture.connectorConfig(stack, DATABASE, PREFIX);
        config.put("poll.batch.size", "40");
        config.put("housekeeping.mode", "delete");
        config.put("housekeeping.interval.ms", "500");
        stack.connect().putConnector(CONNECTOR, config);
        stack.connect().awaitConnectorRunning(CONNECTOR, Duration.ofMinutes(2));

        CompletableFuture<Void> service = CompletableFuture.runAsync(() -> OutboxFixture.writeNumberedEvents(stack, DATABASE, EVENTS, 4, 23));
        Await.until("a third of the events on the topic before the crash", Duration.ofMinutes(2),
                () -> stack.kafka().consumeAll(TOPIC, Duration.ofSeconds(30), false).size() >= EVENTS / 3);
        stack.connect().crashAndRestartWorker();
        stack.connect().awaitConnectorRunning(CONNECTOR, Duration.ofMinutes(2));
        service.get(5, TimeUnit.MINUTES);

        Await.until("housekeeping to delete every published row", Duration.ofMinutes(2), () -> OutboxFixture.outboxRows(stack, DATABASE) == 0);
        List<ConsumerRecord<byte[], byte[]>> records = stack.kafka().consumeAll(TOPIC, Duration.ofMinutes(1), false);
        Set<Integer> published = records.stream().map(r -> OutboxFixture.value(r).path("n").asInt()).collect(Collectors.toCollection(TreeSet::new));
        Set<Integer> expected = new TreeSet<>();
        for (int n = 0; n < EVENTS; n++) {
            expected.add(n);
        }
        assertThat(published).isEqualTo(expected);
    }
}
