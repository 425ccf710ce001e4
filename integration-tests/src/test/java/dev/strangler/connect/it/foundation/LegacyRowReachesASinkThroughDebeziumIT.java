package dev.strangler.connect.it.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.strangler.connect.harness.Await;
import dev.strangler.connect.harness.DebeziumPostgres;
import dev.strangler.connect.harness.LocalStack;
import dev.strangler.connect.harness.PostgresServer;

/**
 * The smoke test of the whole chain the harness provides: a row changed in the legacy Postgres database is captured
 * by the real Debezium Postgres connector (pgoutput) from the plugin path, written to Kafka, and received by a sink
 * connector on the same worker.
 */
class LegacyRowReachesASinkThroughDebeziumIT {

    private static final String DATABASE = "smoke_legacy";
    private static final String PREFIX = "smoke";
    private static LocalStack stack;

    @BeforeAll
    static void startStack() {
        stack = LocalStack.shared();
        PostgresServer postgres = stack.postgres();
        postgres.createDatabase(DATABASE);
        postgres.execute(DATABASE,
                "CREATE TABLE policy (policy_no varchar(12) PRIMARY KEY, status char(1) NOT NULL, holder varchar(80))",
                "INSERT INTO policy VALUES ('P-1', 'A', 'Ada Lovelace')");
    }

    @Test
    void insertAndUpdateInLegacyArriveAtTheSink() throws IOException {
        PostgresServer postgres = stack.postgres();
        String topic = PREFIX + ".public.policy";
        stack.connect().putConnector("smoke-debezium", DebeziumPostgres.capturing(postgres, DATABASE, PREFIX, "smoke", "public.policy"));
        stack.connect().awaitConnectorRunning("smoke-debezium", Duration.ofMinutes(2));

        Path sinkFile = stack.workDir().resolve("smoke-sink.txt");
        stack.connect().putConnector("smoke-sink", Map.of(
                "connector.class", "org.apache.kafka.connect.file.FileStreamSinkConnector",
                "topics", topic,
                "file", sinkFile.toString(),
                "value.converter", "org.apache.kafka.connect.json.JsonConverter",
                "value.converter.schemas.enable", "false")); // the file sink writes each value as a Map: {op=u, ...}
        stack.connect().awaitConnectorRunning("smoke-sink", Duration.ofMinutes(1));

        // The snapshot read of the existing row...
        Await.until("the snapshot of P-1 at the sink", Duration.ofMinutes(2), () -> linesOf(sinkFile).stream()
                .anyMatch(line -> line.contains("P-1") && line.contains("Ada Lovelace")));

        // ...and a change made after the connector started, streamed from the WAL.
        postgres.execute(DATABASE, "UPDATE policy SET status = 'L', holder = 'Ada King' WHERE policy_no = 'P-1'");
        Await.until("the streamed update of P-1 at the sink", Duration.ofMinutes(2), () -> linesOf(sinkFile).stream()
                .anyMatch(line -> line.contains("Ada King") && line.contains("op=u")));

        assertThat(stack.kafka().consume(topic, 2, Duration.ofSeconds(30))).hasSizeGreaterThanOrEqualTo(2);
        stack.connect().deleteConnector("smoke-sink");
        stack.connect().deleteConnector("smoke-debezium");
    }

    private static List<String> linesOf(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
