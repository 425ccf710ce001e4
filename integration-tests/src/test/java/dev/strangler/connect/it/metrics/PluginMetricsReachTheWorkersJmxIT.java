package dev.strangler.connect.it.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.strangler.connect.harness.Await;
import dev.strangler.connect.harness.DebeziumPostgres;
import dev.strangler.connect.harness.LocalStack;
import dev.strangler.connect.harness.PostgresServer;
import dev.strangler.connect.harness.WorkerJmx;

/**
 * Operators watch a migration through the worker's JMX (a Prometheus JMX exporter, Jolokia): our transforms'
 * KIP-877 metrics must show up there, tagged with the connector, the task and the transform's alias, and count what
 * happened. Read from outside the worker's JVM, as an exporter would.
 */
class PluginMetricsReachTheWorkersJmxIT {

    private static final String DATABASE = "metrics_legacy";
    private static final String CONNECTOR = "metrics-acl";
    private static final String QUARANTINE = "metrics.quarantine";
    private static LocalStack stack;

    @BeforeAll
    static void legacyTable() {
        stack = LocalStack.shared();
        PostgresServer postgres = stack.postgres();
        postgres.createDatabase(DATABASE);
        postgres.execute(DATABASE,
                "CREATE TABLE policy (policy_no varchar(10) PRIMARY KEY, status char(1) NOT NULL)",
                "INSERT INTO policy VALUES ('P-1', 'A'), ('P-2', 'L'), ('P-3', 'A'), ('P-4', 'Z')");
        stack.kafka().createTopic(QUARANTINE, 1);
    }

    @AfterAll
    static void removeConnector() {
        if (stack != null) {
            stack.connect().deleteConnector(CONNECTOR);
        }
    }

    @Test
    void translationAndQuarantineAreCountedPerTransformAlias() {
        Map<String, String> config = DebeziumPostgres.capturing(stack.postgres(), DATABASE, "metrics", "metrics", "public.policy");
        config.put("transforms", "unwrap,status");
        config.put("transforms.unwrap.type", "dev.strangler.connect.acl.DomainEventUnwrap");
        config.put("transforms.unwrap.quarantine.topic", QUARANTINE);
        config.put("transforms.status.type", "dev.strangler.connect.acl.ValueTranslation$Value");
        config.put("transforms.status.fields", "status");
        config.put("transforms.status.mapping", "A=ACTIVE, L=LAPSED");
        config.put("transforms.status.unknown.policy", "quarantine");
        config.put("transforms.status.quarantine.topic", QUARANTINE);
        stack.connect().putConnector(CONNECTOR, config);
        stack.connect().awaitConnectorRunning(CONNECTOR, Duration.ofMinutes(2));

        String statusTransform = "kafka.connect:type=plugins,connector=" + CONNECTOR + ",task=0,transformation=status,*";
        try (WorkerJmx jmx = stack.connect().jmx()) {
            // four snapshot rows: three known codes translated, 'Z' quarantined
            Await.until("the status transform's counters in the worker's JMX", Duration.ofMinutes(2),
                    () -> total(jmx, statusTransform, "records-in-total") >= 4);
            Map<String, Object> status = jmx.attributes(statusTransform);
            assertThat(total(jmx, statusTransform, "records-in-total")).as("%s", status).isEqualTo(4);
            assertThat(total(jmx, statusTransform, "records-out-total")).as("%s", status).isEqualTo(3);
            assertThat(total(jmx, statusTransform, "values-translated-total")).as("%s", status).isEqualTo(3);
            assertThat(total(jmx, statusTransform, "records-quarantined-total")).as("%s", status).isEqualTo(1);
            assertThat(total(jmx, statusTransform, "unknown-codes-total")).as("%s", status).isEqualTo(1);
            assertThat(total(jmx, statusTransform, "records-in-rate")).as("%s", status).isPositive();

            String unwrapTransform = "kafka.connect:type=plugins,connector=" + CONNECTOR + ",task=0,transformation=unwrap,*";
            assertThat(total(jmx, unwrapTransform, "records-in-total")).as("%s", jmx.attributes(unwrapTransform)).isEqualTo(4);

            stack.postgres().execute(DATABASE, "UPDATE policy SET status = 'L' WHERE policy_no = 'P-1'");
            Await.until("the streamed update counted", Duration.ofMinutes(2),
                    () -> total(jmx, statusTransform, "records-in-total") == 5 && total(jmx, statusTransform, "records-out-total") == 4);
        }
    }

    /** Sums an attribute over every MBean of the pattern: tagged series (per reason, per field) are separate MBeans. */
    private static double total(WorkerJmx jmx, String pattern, String attribute) {
        return jmx.attributes(pattern).entrySet().stream()
                .filter(entry -> entry.getKey().endsWith("/" + attribute))
                .mapToDouble(entry -> ((Number) entry.getValue()).doubleValue())
                .sum();
    }
}
