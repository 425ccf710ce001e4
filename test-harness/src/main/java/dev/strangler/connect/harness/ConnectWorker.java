package dev.strangler.connect.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A distributed-mode Kafka Connect worker in its own JVM, with {@code plugin.path} = our built bundle plus the
 * third-party plugin directories, so plugins are loaded in isolated class loaders exactly as in production. Tests
 * drive it only through its REST API, with the connector JSON a user would write.
 */
public final class ConnectWorker implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int restPort;
    private final int jmxPort;
    private final ChildProcess process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ConnectWorker(int restPort, int jmxPort, ChildProcess process) {
        this.restPort = restPort;
        this.jmxPort = jmxPort;
        this.process = process;
    }

    /** Worker settings a test may change before start. */
    public static final class Options {
        boolean exactlyOnceSource = true;
        final Map<String, String> overrides = new LinkedHashMap<>();
        final List<Path> extraPluginPath = new ArrayList<>();

        /** {@code exactly.once.source.support=enabled} (KIP-618): source tasks write in Kafka transactions. */
        public Options exactlyOnceSource(boolean enabled) {
            this.exactlyOnceSource = enabled;
            return this;
        }

        /**
         * Adds a directory to {@code plugin.path} after the bundle and the third-party plugins (e.g. a benchmark's
         * reference connector), so the worker loads it in its own class loader like any other plugin.
         */
        public Options addPluginPath(Path directory) {
            extraPluginPath.add(directory);
            return this;
        }

        public Options set(String key, String value) {
            overrides.put(key, value);
            return this;
        }
    }

    public static ConnectWorker start(Path workDir, String bootstrapServers, List<Path> pluginPath, Options options) {
        int restPort = FreePorts.next();
        int jmxPort = FreePorts.next();
        Path dir = workDir.resolve("connect");
        String group = "strangler-connect-" + Long.toHexString(System.nanoTime());
        Properties properties = sharedWorkerSettings();
        // Only what depends on where this worker runs differs from docker/connect/worker.properties.
        properties.setProperty("bootstrap.servers", bootstrapServers);
        properties.setProperty("group.id", group);
        properties.setProperty("config.storage.topic", group + "-configs");
        properties.setProperty("offset.storage.topic", group + "-offsets");
        properties.setProperty("status.storage.topic", group + "-status");
        properties.setProperty("listeners", "http://127.0.0.1:" + restPort);
        properties.setProperty("rest.advertised.host.name", "127.0.0.1");
        properties.setProperty("rest.advertised.port", Integer.toString(restPort));
        List<Path> allPluginPath = new ArrayList<>(pluginPath);
        allPluginPath.addAll(options.extraPluginPath);
        properties.setProperty("plugin.path", allPluginPath.stream().map(Path::toString).collect(Collectors.joining(",")));
        properties.setProperty("exactly.once.source.support", options.exactlyOnceSource ? "enabled" : "disabled");
        options.overrides.forEach(properties::setProperty);
        Path config = dir.resolve("worker.properties");
        try {
            Files.createDirectories(dir);
            try (var out = Files.newBufferedWriter(config)) {
                properties.store(out, "strangler-connect test harness: distributed Connect worker");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path log4j = Log4jConfig.write(dir, "connect", dir.resolve("connect.log"));
        List<String> jvm = new ArrayList<>(List.of("-Xms256m", "-Xmx1g", "-XX:+UseSerialGC", "-Dlog4j2.configurationFile=" + log4j));
        jvm.addAll(WorkerJmx.jvmOptions(jmxPort));
        // Profiling a benchmark's worker (e.g. -XX:StartFlightRecording=...): options for its JVM only.
        String extraJvmOptions = System.getProperty("strangler.harness.connect.jvm.options", "").trim();
        if (!extraJvmOptions.isEmpty()) {
            jvm.addAll(List.of(extraJvmOptions.split("\\s+")));
        }
        ChildProcess process = ChildProcess.java("connect", HarnessLayout.kafkaClassPath(), jvm,
                "org.apache.kafka.connect.cli.ConnectDistributed", List.of(config.toString()), dir.resolve("stdout.log"));
        ConnectWorker worker = new ConnectWorker(restPort, jmxPort, process);
        worker.startProcess();
        return worker;
    }

    /** The worker settings shared with docker/compose.yaml (copied into the harness by the build). */
    static Properties sharedWorkerSettings() {
        Properties properties = new Properties();
        try (var in = ConnectWorker.class.getResourceAsStream("worker.properties")) {
            if (in == null) {
                throw new IllegalStateException("Missing build resource worker.properties (from docker/connect/)");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /**
     * The worker's MBeans, where operators read Connect's and our plugins' metrics: a new connection per call, so a
     * restarted worker is reached again.
     */
    public WorkerJmx jmx() {
        return WorkerJmx.connect(jmxPort);
    }

    public String restUrl() {
        return "http://127.0.0.1:" + restPort;
    }

    /** Creates or updates a connector: {@code PUT /connectors/{name}/config}. */
    public JsonNode putConnector(String name, Map<String, String> config) {
        return request("PUT", "/connectors/" + encode(name) + "/config", config, 200, 201);
    }

    public JsonNode status(String name) {
        return get("/connectors/" + encode(name) + "/status");
    }

    /** Waits until the connector and at least one task report RUNNING; fails fast, with the trace, on FAILED. */
    public void awaitConnectorRunning(String name, Duration timeout) {
        Await.until("connector " + name + " and its tasks RUNNING", timeout, () -> {
            process.ensureAlive();
            JsonNode status;
            try {
                status = status(name);
            } catch (IllegalStateException notYet) {
                return false;
            }
            failOnFailedState(name, status);
            JsonNode tasks = status.path("tasks");
            return "RUNNING".equals(status.path("connector").path("state").asText())
                    && tasks.size() > 0
                    && StreamSupport.stream(tasks.spliterator(), false).allMatch(t -> "RUNNING".equals(t.path("state").asText()));
        });
    }

    /** {@code PUT /connector-plugins/{class}/config/validate}, the check the Connect UI and GitOps tools run. */
    public JsonNode validate(String connectorClass, Map<String, String> config) {
        Map<String, String> withClass = new LinkedHashMap<>(config);
        withClass.putIfAbsent("connector.class", connectorClass);
        return request("PUT", "/connector-plugins/" + encode(connectorClass) + "/config/validate", withClass, 200);
    }

    public void deleteConnector(String name) {
        request("DELETE", "/connectors/" + encode(name), null, 204, 404);
    }

    public JsonNode get(String path) {
        return request("GET", path, null, 200);
    }

    /** Stops the worker gracefully and starts it again with the same configuration and REST port. */
    public void restartWorker() {
        process.stop(Duration.ofSeconds(60));
        startProcess();
    }

    /** Kills the worker (SIGKILL) and starts it again: nothing is flushed or committed on the way down. */
    public void crashAndRestartWorker() {
        process.kill();
        startProcess();
    }

    public Path logFile() {
        return process.logFile().resolveSibling("connect.log");
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(30));
    }

    private void startProcess() {
        process.start();
        Await.until("Connect worker REST API on " + restUrl(), Duration.ofMinutes(3), () -> {
            process.ensureAlive();
            try {
                // /connectors answers only once the worker has joined its group and read the config topic.
                request("GET", "/connectors", null, 200);
                return true;
            } catch (RuntimeException notYet) {
                return false;
            }
        });
    }

    private static void failOnFailedState(String name, JsonNode status) {
        if ("FAILED".equals(status.path("connector").path("state").asText())) {
            throw new AssertionError("Connector " + name + " FAILED: " + status.path("connector").path("trace").asText());
        }
        for (JsonNode task : status.path("tasks")) {
            if ("FAILED".equals(task.path("state").asText())) {
                throw new AssertionError("Task " + task.path("id").asText() + " of " + name + " FAILED: " + task.path("trace").asText());
            }
        }
    }

    private JsonNode request(String method, String path, Object body, int... expectedStatus) {
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(restUrl() + path))
                    .timeout(Duration.ofSeconds(60))
                    .header("Accept", "application/json");
            if (body != null) {
                builder.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            } else {
                builder.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            for (int expected : expectedStatus) {
                if (response.statusCode() == expected) {
                    return response.body() == null || response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
                }
            }
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + method + " " + path, e);
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
