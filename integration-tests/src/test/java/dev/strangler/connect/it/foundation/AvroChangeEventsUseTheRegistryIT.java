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
        stack.connect().putConnector("avro-debezium", Map.ofEntries(
                Map.entry("connector.class", "io.debezium.connector.postgresql.PostgresConnector"),
                Map.entry("database.hostname", postgres.host()),
                Map.entry("database.port", Integer.toString(postgres.port())),
                Map.entry("database.user", postgres.user()),
                Map.entry("database.password", postgres.password()),
                Map.entry("database.dbname", DATABASE),
                Map.entry("topic.prefix", "avro"),
                Map.entry("plugin.name", "pgoutput"),
                Map.entry("slot.name", "avro_slot"),
                Map.entry("publication.name", "avro_publication"),
                Map.entry("publication.autocreate.mode", "filtered"),
                Map.entry("table.include.list", "public.endorsement"),
                Map.entry("key.converter", converter),
                Map.entry("key.converter.apicurio.registry.url", registry.registryV2Url()),
                Map.entry("key.converter.apicurio.registry.auto-register", "true"),
                Map.entry("key.converter.apicurio.registry.as-confluent", "true"),
                Map.entry("key.converter.apicurio.registry.headers.enabled", "false"),
                Map.entry("value.converter", converter),
                Map.entry("value.converter.apicurio.registry.url", registry.registryV2Url()),
                Map.entry("value.converter.apicurio.registry.auto-register", "true"),
                Map.entry("value.converter.apicurio.registry.as-confluent", "true"),
                Map.entry("value.converter.apicurio.registry.headers.enabled", "false")));
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
