package dev.strangler.connect.journey.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads {@code config-examples/}: the connector JSON of each migration phase (the form {@code POST /connectors}
 * takes: {@code {"name": ..., "config": {...}}}) and the converter fragments. Files are read as a user's
 * tooling would read them, with no knowledge of the plugins.
 */
public final class ConfigExamples {

    /** The phase folders, in migration order. */
    public static final List<String> PHASES = List.of(
            "phase-1-mirror",
            "phase-2-partial-extraction",
            "phase-3-write-ownership",
            "phase-4-reads-retired",
            "phase-5-decommissioned");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;

    private ConfigExamples(Path root) {
        this.root = root;
    }

    public static ConfigExamples at(Path root) {
        if (!Files.isRegularFile(root.resolve("README.md")) || !Files.isDirectory(root.resolve(PHASES.get(0)))) {
            throw new IllegalArgumentException(root + " is not the config-examples directory");
        }
        return new ConfigExamples(root.toAbsolutePath().normalize());
    }

    /** Finds {@code config-examples/} in {@code start} or one of its parents (tests run in a module directory). */
    public static ConfigExamples find(Path start) {
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("config-examples");
            if (Files.isRegularFile(candidate.resolve("README.md"))) {
                return at(candidate);
            }
        }
        throw new IllegalStateException("No config-examples/ in " + start.toAbsolutePath() + " or its parents");
    }

    public Path root() {
        return root;
    }

    public Path planFile() {
        return root.resolve("plan").resolve("endorsement-migration.yaml");
    }

    /** The connectors of one phase, sorted by file name. */
    public List<ConnectorExample> phase(String phase) {
        if (!PHASES.contains(phase)) {
            throw new IllegalArgumentException("No phase " + phase + "; phases: " + PHASES);
        }
        List<ConnectorExample> connectors = new ArrayList<>();
        for (Path file : jsonFiles(root.resolve(phase))) {
            connectors.add(readConnector(file));
        }
        return connectors;
    }

    /** A converter fragment of {@code converters/}, e.g. {@code avro-apicurio}. */
    public Map<String, String> converters(String name) {
        return readStringMap(root.resolve("converters").resolve(name + ".json"));
    }

    public List<Path> converterFiles() {
        return jsonFiles(root.resolve("converters"));
    }

    public static ConnectorExample readConnector(Path file) {
        JsonNode node = readTree(file);
        JsonNode name = node.get("name");
        JsonNode config = node.get("config");
        if (name == null || !name.isTextual() || config == null || !config.isObject()) {
            throw new IllegalArgumentException(file + ": expected {\"name\": \"...\", \"config\": {...}}");
        }
        return new ConnectorExample(file, name.asText(), stringMap(config, file));
    }

    public static Map<String, String> readStringMap(Path file) {
        JsonNode node = readTree(file);
        if (!node.isObject()) {
            throw new IllegalArgumentException(file + ": expected a JSON object of configuration keys");
        }
        return stringMap(node, file);
    }

    private static Map<String, String> stringMap(JsonNode object, Path file) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            // Connect's REST API takes string values; a number or boolean here is a sign of a hand-edit gone wrong.
            if (!field.getValue().isTextual()) {
                throw new IllegalArgumentException(file + ": value of " + field.getKey() + " must be a JSON string");
            }
            map.put(field.getKey(), field.getValue().asText());
        }
        return map;
    }

    private static JsonNode readTree(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private static List<Path> jsonFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }
}
