package dev.strangler.connect.core.mapping;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** Reads mapping definitions from files on the worker (JSON, YAML, properties). */
final class MappingFiles {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private MappingFiles() {
    }

    static ValueMapping load(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!Files.isReadable(file)) {
            throw new MappingDefinitionException("", "mapping file " + file + " does not exist or is not readable");
        }
        try {
            if (name.endsWith(".json")) {
                return fromTree(JSON.readTree(file.toFile()));
            }
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                return fromTree(YAML.readTree(file.toFile()));
            }
            if (name.endsWith(".properties")) {
                return fromProperties(file);
            }
        } catch (IOException e) {
            throw new MappingDefinitionException("", "mapping file " + file + " cannot be parsed: " + describe(e));
        }
        throw new MappingDefinitionException("", "mapping file " + file + " must end in .json, .yaml, .yml or .properties");
    }

    private static String describe(IOException e) {
        if (e instanceof JsonProcessingException parse && parse.getLocation() != null) {
            return parse.getOriginalMessage() + " (line " + parse.getLocation().getLineNr() + ", column "
                    + parse.getLocation().getColumnNr() + ")";
        }
        return e.getMessage();
    }

    private static ValueMapping fromTree(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new MappingDefinitionException("", "mapping file must hold an object");
        }
        JsonNode values = root.get("values");
        boolean structured = values != null && values.isObject() && fieldNamesWithin(root, "values", "reverse");
        if (!structured) {
            return ValueMapping.of(scalarEntries(root, "values"));
        }
        JsonNode reverse = root.get("reverse");
        if (reverse != null && !reverse.isObject()) {
            throw new MappingDefinitionException("reverse", "must be an object of domain value to legacy code");
        }
        return ValueMapping.of(scalarEntries(values, "values"), reverse == null ? Map.of() : scalarEntries(reverse, "reverse"));
    }

    private static boolean fieldNamesWithin(JsonNode node, String... allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!Arrays.asList(allowed).contains(name)) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> scalarEntries(JsonNode object, String path) {
        Map<String, String> entries = new LinkedHashMap<>();
        object.properties().forEach(field -> {
            if (!field.getValue().isValueNode() || field.getValue().isNull()) {
                throw new MappingDefinitionException(path + "." + field.getKey(), "must be a text or number value");
            }
            entries.put(field.getKey(), field.getValue().asText());
        });
        return entries;
    }

    private static ValueMapping fromProperties(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        // Properties keep no order; sort so that the table reads the same on every worker.
        Map<String, String> entries = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> entries.put(key, properties.getProperty(key)));
        return ValueMapping.of(entries);
    }
}
