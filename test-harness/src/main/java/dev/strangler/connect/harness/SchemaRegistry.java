package dev.strangler.connect.harness;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Apicurio Registry's runnable distribution (in-memory storage) on 127.0.0.1. It speaks the Confluent-compatible
 * API at {@link #confluentCompatibleUrl()} and its own at {@link #registryV2Url()}, which the Apicurio Avro
 * converter uses in Confluent wire-format mode.
 */
public final class SchemaRegistry implements AutoCloseable {

    private final int port;
    private final ChildProcess process;

    private SchemaRegistry(int port, ChildProcess process) {
        this.port = port;
        this.process = process;
    }

    public static SchemaRegistry start(Path workDir) {
        int port = FreePorts.next();
        Path dir = workDir.resolve("registry");
        Path runner = HarnessLayout.apicurioRegistryRunner();
        ChildProcess process = new ChildProcess("apicurio-registry", List.of(HarnessLayout.javaExecutable(),
                "-Xmx256m", "-XX:+UseSerialGC",
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-jar", runner.toString()), dir.resolve("registry.log"));
        process.start();
        SchemaRegistry registry = new SchemaRegistry(port, process);
        HttpClient http = HttpClient.newHttpClient();
        Await.until("Apicurio Registry on port " + port, Duration.ofMinutes(2), () -> {
            process.ensureAlive();
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(registry.registryV2Url() + "/system/info"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 200;
            } catch (Exception notYet) {
                return false;
            }
        });
        return registry;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** For {@code apicurio.registry.url} of the Apicurio converter. */
    public String registryV2Url() {
        return baseUrl() + "/apis/registry/v2";
    }

    /** For Confluent clients and {@code schema.registry.url}. */
    public String confluentCompatibleUrl() {
        return baseUrl() + "/apis/ccompat/v7";
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(20));
    }
}
