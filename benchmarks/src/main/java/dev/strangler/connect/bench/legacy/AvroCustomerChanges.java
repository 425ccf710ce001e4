package dev.strangler.connect.bench.legacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.storage.Converter;

import dev.strangler.connect.harness.HarnessLayout;

/**
 * The records of {@link CustomerChanges} in Avro (Confluent wire format, schema registered in the harness's Apicurio
 * Registry), serialized by the same Apicurio converter the worker reads them with, loaded from the third-party
 * plugin directory as the worker loads it.
 */
final class AvroCustomerChanges {

    static final String CONVERTER = "io.apicurio.registry.utils.converter.AvroConverter";

    static final Schema SCHEMA = SchemaBuilder.struct().name("CustomerChanged")
            .field("id", Schema.INT64_SCHEMA)
            .field("version", Schema.INT64_SCHEMA)
            .field("name", Schema.STRING_SCHEMA)
            .field("status", Schema.STRING_SCHEMA)
            .field("amount_cents", Schema.INT64_SCHEMA)
            .field("city", Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    private AvroCustomerChanges() {
    }

    /** The value converter settings, the same for the producer here and the worker's contenders. */
    static Map<String, String> converterConfig(String registryV2Url) {
        return Map.of(
                "apicurio.registry.url", registryV2Url,
                "apicurio.registry.auto-register", "true",
                "apicurio.registry.as-confluent", "true",
                "apicurio.registry.headers.enabled", "false");
    }

    static void produce(String bootstrapServers, String topic, int records, int keys, String registryV2Url) {
        Path converterDir = HarnessLayout.thirdPartyPluginPath().resolve("apicurio-converter");
        URL[] jars;
        try (Stream<Path> files = Files.list(converterDir)) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".jar")).toList();
            jars = new URL[list.size()];
            for (int i = 0; i < list.size(); i++) {
                jars[i] = list.get(i).toUri().toURL();
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties properties = new Properties();
        properties.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.setProperty(ProducerConfig.LINGER_MS_CONFIG, "20");
        properties.setProperty(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        properties.setProperty(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // Parent first: Connect's API comes from this class path, the converter and its registry client from its
        // plugin directory (same Avro and Jackson versions as ours).
        try (URLClassLoader loader = new URLClassLoader(jars, AvroCustomerChanges.class.getClassLoader());
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer())) {
            Converter converter = (Converter) Class.forName(CONVERTER, true, loader).getConstructor().newInstance();
            ClassLoader previous = Thread.currentThread().getContextClassLoader();
            Thread.currentThread().setContextClassLoader(loader);
            try {
                converter.configure(converterConfig(registryV2Url), false);
                for (long i = 0; i < records; i++) {
                    Struct value = new Struct(SCHEMA)
                            .put("id", CustomerChanges.id(i, keys))
                            .put("version", CustomerChanges.version(i, keys))
                            .put("name", CustomerChanges.name(i))
                            .put("status", CustomerChanges.status(i))
                            .put("amount_cents", CustomerChanges.amountCents(i))
                            .put("city", CustomerChanges.city(i));
                    ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, 0, Long.toString(CustomerChanges.id(i, keys)),
                            converter.fromConnectData(topic, SCHEMA, value));
                    record.headers().add("eventType", CustomerChanges.EVENT_TYPE.getBytes(StandardCharsets.UTF_8));
                    producer.send(record);
                }
                producer.flush();
            } finally {
                Thread.currentThread().setContextClassLoader(previous);
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot load " + CONVERTER + " from " + converterDir, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
