package dev.strangler.connect.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A single-node Kafka cluster in KRaft mode (combined broker and controller) in its own JVM, started from the Kafka
 * jars on Maven Central, listening on 127.0.0.1.
 */
public final class KafkaBroker implements AutoCloseable {

    private final int port;
    private final ChildProcess process;
    private Admin admin;

    private KafkaBroker(int port, ChildProcess process) {
        this.port = port;
        this.process = process;
    }

    public static KafkaBroker start(Path workDir) {
        int port = FreePorts.next();
        int controllerPort = FreePorts.next();
        Path dir = workDir.resolve("kafka");
        Path config = dir.resolve("server.properties");
        Properties properties = new Properties();
        properties.setProperty("process.roles", "broker,controller");
        properties.setProperty("node.id", "1");
        properties.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        properties.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        properties.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        properties.setProperty("controller.listener.names", "CONTROLLER");
        properties.setProperty("inter.broker.listener.name", "PLAINTEXT");
        properties.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        properties.setProperty("log.dirs", dir.resolve("data").toString());
        properties.setProperty("num.partitions", "1");
        properties.setProperty("offsets.topic.replication.factor", "1");
        properties.setProperty("offsets.topic.num.partitions", "5");
        properties.setProperty("transaction.state.log.replication.factor", "1");
        properties.setProperty("transaction.state.log.min.isr", "1");
        properties.setProperty("transaction.state.log.num.partitions", "5");
        properties.setProperty("share.coordinator.state.topic.replication.factor", "1");
        properties.setProperty("share.coordinator.state.topic.min.isr", "1");
        properties.setProperty("group.initial.rebalance.delay.ms", "0");
        properties.setProperty("auto.create.topics.enable", "true");
        try {
            Files.createDirectories(dir);
            try (var out = Files.newBufferedWriter(config)) {
                properties.store(out, "strangler-connect test harness: single-node KRaft");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String classPath = HarnessLayout.kafkaClassPath();
        Path log4j = Log4jConfig.write(dir, "kafka", dir.resolve("server.log"));
        List<String> jvm = List.of("-Xms256m", "-Xmx768m", "-XX:+UseSerialGC", "-Dlog4j2.configurationFile=" + log4j);

        ChildProcess format = ChildProcess.java("kafka-storage-format", classPath, jvm, "kafka.tools.StorageTool",
                List.of("format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()), dir.resolve("format.log"));
        format.start();
        Await.until("kafka storage format to finish", Duration.ofMinutes(2), () -> !format.isAlive());

        ChildProcess server = ChildProcess.java("kafka", classPath, jvm, "kafka.Kafka", List.of(config.toString()), dir.resolve("stdout.log"));
        server.start();
        KafkaBroker broker = new KafkaBroker(port, server);
        broker.awaitReady();
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
        }
        return admin;
    }

    public void createTopic(String name, int partitions) {
        try {
            admin().createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create topic " + name, e.getCause());
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not create topic " + name, e);
        }
    }

    public Set<String> topics() {
        try {
            return admin().listTopics().names().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not list topics", e);
        }
    }

    /** Reads {@code topic} from the beginning until at least {@code minRecords} arrived or the timeout passes. */
    public List<ConsumerRecord<byte[], byte[]>> consume(String topic, int minRecords, Duration timeout) {
        return consume(topic, minRecords, timeout, "read_uncommitted");
    }

    /** As {@link #consume}, but sees only committed transactions, as an exactly-once consumer does. */
    public List<ConsumerRecord<byte[], byte[]>> consumeReadCommitted(String topic, int minRecords, Duration timeout) {
        return consume(topic, minRecords, timeout, "read_committed");
    }

    /**
     * Reads everything currently in {@code topic} (up to the end offsets at the time of the call), for asserting
     * that nothing more than expected arrived.
     */
    public List<ConsumerRecord<byte[], byte[]>> consumeAll(String topic, Duration timeout, boolean readCommitted) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(readCommitted ? "read_committed" : "read_uncommitted")) {
            List<TopicPartition> partitions = partitions(consumer, topic, timeout);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Timed out reading " + topic + " to its end offsets " + end);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    private List<ConsumerRecord<byte[], byte[]>> consume(String topic, int minRecords, Duration timeout, String isolation) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(isolation)) {
            List<TopicPartition> partitions = partitions(consumer, topic, timeout);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < minRecords) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Expected at least " + minRecords + " records on " + topic + " within " + timeout
                            + " but got " + records.size());
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic, Duration timeout) {
        return Await.value("topic " + topic + " to exist", timeout, () -> {
            var infos = consumer.partitionsFor(topic, Duration.ofSeconds(2));
            return infos == null || infos.isEmpty() ? Optional.empty()
                    : Optional.of(infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList());
        });
    }

    private KafkaConsumer<byte[], byte[]> consumer(String isolation) {
        Properties properties = new Properties();
        properties.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        properties.setProperty(ConsumerConfig.GROUP_ID_CONFIG, "harness-" + UUID.randomUUID());
        properties.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        properties.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private void awaitReady() {
        Await.until("Kafka broker on " + bootstrapServers() + " to answer", Duration.ofMinutes(2), () -> {
            process.ensureAlive();
            try {
                return admin().describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == 1;
            } catch (Exception e) {
                return false;
            }
        });
    }

    public Path logFile() {
        return process.logFile();
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
        process.stop(Duration.ofSeconds(30));
    }
}
