package dev.strangler.connect.it.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.strangler.connect.harness.HarnessLayout;
import dev.strangler.connect.harness.KafkaTool;

/**
 * What a platform team checks before rolling our zips into a worker: every component is in the Confluent Hub layout,
 * and Kafka's own plugin-path tool finds every plugin we declare, loadable, with a KIP-898 manifest, reporting the
 * version of the build — so a worker with {@code plugin.discovery=service_load} finds them all.
 */
class BundlePluginsAreDiscoverableIT {

    private static final List<String> COMPONENTS = List.of("connect-acl-smt", "connect-outbox-source", "connect-legacy-sink", "connect-reconcile-sink");
    private static final String SERVICES = "META-INF/services/";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyComponentHasTheConfluentHubLayoutAndAZip() throws IOException {
        Path bundle = HarnessLayout.bundlePluginPath();
        String version = HarnessLayout.projectVersion();
        try (Stream<Path> entries = Files.list(bundle)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(COMPONENTS);
        }
        for (String component : COMPONENTS) {
            Path dir = bundle.resolve(component);
            assertThat(dir.resolve("README.md")).isRegularFile();
            assertThat(dir.resolve("LICENSE")).isRegularFile();
            JsonNode manifest = JSON.readTree(dir.resolve("manifest.json").toFile());
            assertThat(manifest.path("name").asText()).isEqualTo(component);
            assertThat(manifest.path("version").asText()).isEqualTo(version);
            assertThat(manifest.path("component_types")).isNotEmpty();
            assertThat(dir.resolve("lib").resolve(component + "-" + version + ".jar")).isRegularFile();
            assertThat(dir.resolve("lib").resolve("strangler-core-" + version + ".jar")).isRegularFile();
            try (Stream<Path> libs = Files.list(dir.resolve("lib"))) {
                assertThat(libs.map(p -> p.getFileName().toString()))
                        .as("the worker provides Kafka; a plugin must not carry its own copy")
                        .noneMatch(name -> name.startsWith("connect-api") || name.startsWith("kafka-clients") || name.startsWith("connect-runtime"));
            }
            Path zip = HarnessLayout.projectRoot().resolve(component).resolve("target").resolve(component + "-" + version + "-component.zip");
            assertThat(zip).isRegularFile();
        }
    }

    @Test
    void kafkasPluginPathToolFindsEveryDeclaredPluginLoadableWithManifestAndBuildVersion() throws IOException {
        Path bundle = HarnessLayout.bundlePluginPath();
        Map<String, String> declared = declaredPlugins(bundle);
        assertThat(declared).as("plugins declared in META-INF/services of our jars").isNotEmpty();
        for (String component : COMPONENTS) {
            assertThat(declared.values()).as("%s declares at least one plugin", component).contains(component);
        }

        String listing = KafkaTool.run("org.apache.kafka.tools.ConnectPluginPath",
                List.of("list", "--plugin-path", bundle.toString()), Duration.ofMinutes(2));
        Map<String, Map<String, String>> rows = parseRows(listing);

        for (Map.Entry<String, String> plugin : declared.entrySet()) {
            Map<String, String> row = rows.get(plugin.getKey());
            assertThat(row).as("%s (declared by %s) found by ConnectPluginPath", plugin.getKey(), plugin.getValue()).isNotNull();
            assertThat(row.get("isLoadable")).as("%s loadable", plugin.getKey()).isEqualTo("true");
            assertThat(row.get("hasManifest")).as("%s has a KIP-898 manifest", plugin.getKey()).isEqualTo("true");
            assertThat(row.get("pluginVersion")).as("%s reports the build version", plugin.getKey()).isEqualTo(HarnessLayout.projectVersion());
            assertThat(row.get("pluginLocation")).endsWith(plugin.getValue());
        }
        assertThat(rows.keySet().stream().filter(name -> name.startsWith("dev.strangler.")))
                .as("every plugin class of ours the tool finds is declared in a manifest")
                .allMatch(declared::containsKey);
    }

    /** Plugin class -> component, read from the services files inside each component's own jar. */
    private static Map<String, String> declaredPlugins(Path bundle) throws IOException {
        Map<String, String> declared = new LinkedHashMap<>();
        for (String component : COMPONENTS) {
            Path jar = bundle.resolve(component).resolve("lib").resolve(component + "-" + HarnessLayout.projectVersion() + ".jar");
            try (JarFile jarFile = new JarFile(jar.toFile())) {
                var entries = jarFile.stream().filter(e -> e.getName().startsWith(SERVICES) && !e.isDirectory()).toList();
                for (var entry : entries) {
                    try (InputStream in = jarFile.getInputStream(entry)) {
                        new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                                .map(line -> line.replaceAll("#.*", "").trim())
                                .filter(line -> !line.isEmpty())
                                .forEach(className -> declared.put(className, component));
                    }
                }
            }
        }
        return declared;
    }

    private static Map<String, Map<String, String>> parseRows(String listing) {
        List<String> lines = listing.lines().filter(line -> line.contains("\t")).toList();
        assertThat(lines).as("ConnectPluginPath printed a table").isNotEmpty();
        List<String> header = Arrays.asList(lines.get(0).split("\t"));
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = new ArrayList<>(Arrays.asList(line.split("\t", -1)));
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size() && i < cells.size(); i++) {
                row.put(header.get(i), cells.get(i));
            }
            rows.put(row.get("pluginName"), row);
        }
        return rows;
    }
}
