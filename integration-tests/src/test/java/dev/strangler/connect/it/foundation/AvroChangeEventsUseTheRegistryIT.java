package dev.strangler.connect.it.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.strangler.connect.harness.DebeziumPostgres;
import dev.strangler.connect.harness.LocalStack;
import dev.strangler.connect.harness.PostgresServer;
import dev.strangler.connect.harness.SchemaRegistry;

/**
 * Avro through a real schema registry, as users with Confluent's stack run it: Apicurio's converter on the worker's
 * plugin path writes the Confluent wire format (magic byte 0, 4-byte schema id), and the id resolves through the
 * registry's Confluent-compatible API.
 */
class AvroChangeEventsUseTheRegistryIT {

    private static final String DATABASE = "avro_legacy";
    private static LocalStack stack;

    @BeforeAll
    static void startStack() {
        stack = LocalStack.shared();
        stack.postgres().createDatabase(DATABASE);
        stack.postgres().execute(DATABASE,
                "CREATE TABLE endorsement (id bigint PRIMARY KEY, policy_no varchar(12) NOT NULL, premium numeric(10,2))",
                "INSERT INTO endorsement VALUES (1, 'P-7', 120.50)");
    }

    @Test
    void debeziumChangeEventsAreWrittenInConfluentWireFormatWithRegisteredSchemas() throws Exception {
        PostgresServer postgres = stack.postgres();
        SchemaRegistry registry = stack.registry();
        String converter = "io.apicurio.registry.utils.converter.AvroConverter";
        Map<String, String> config = DebeziumPostgres.capturing(postgres, DATABASE, "avro", "avro", "public.endorsement");
        for (String side : new String[] {"key", "value"}) {
            config.put(side + ".converter", converter);
            config.put(side + ".converter.apicurio.registry.url", registry.registryV2Url());
            config.put(side + ".converter.apicurio.registry.auto-register", "true");
            config.put(side + ".converter.apicurio.registry.as-confluent", "true");
            config.put(side + ".converter.apicurio.registry.headers.enabled", "false");
        }
        stack.connect().putConnector("avro-debezium", config);
        stack.connect().awaitConnectorRunning("avro-debezium", Duration.ofMinutes(2));

        List<ConsumerRecord<byte[], byte[]>> records = stack.kafka().consume("avro.public.endorsement", 1, Duration.ofMinutes(2));
        byte[] value = records.get(0).value();
        assertThat(value[0]).as("Confluent wire format magic byte").isEqualTo((byte) 0);
        int schemaId = ByteBuffer.wrap(value, 1, 4).getInt();

        HttpResponse<String> schema = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(registry.confluentCompatibleUrl() + "/schemas/ids/" + schemaId)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(schema.statusCode()).isEqualTo(200);
        assertThat(schema.body()).contains("Envelope").contains("policy_no");
        stack.connect().deleteConnector("avro-debezium");
    }
}
