package dev.strangler.connect.journey.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Keeps {@code config-examples/} honest without a Connect worker: every file parses, every Strimzi resource is
 * the twin of its JSON, every placeholder is documented, every referenced file exists and no secret is literal.
 * (That the keys are real and valid is checked on the real worker by ExamplesValidateOnTheRealWorkerIT.)
 */
class ConfigExamplesTest {

    private static final ConfigExamples EXAMPLES = ConfigExamples.find(Path.of(""));
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static Stream<Path> strimziResources() throws IOException {
        return files(EXAMPLES.root().resolve("strimzi"), ".yaml").stream();
    }

    static Stream<String> phases() {
        return ConfigExamples.PHASES.stream();
    }

    @Test
    void everyJsonFileParsesWithStringValues() throws IOException {
        List<Path> json = files(EXAMPLES.root(), ".json");
        assertThat(json).hasSizeGreaterThan(20);
        for (Path file : json) {
            Path relative = EXAMPLES.root().relativize(file);
            if (relative.startsWith("converters")) {
                assertThat(ConfigExamples.readStringMap(file)).as(relative.toString()).isNotEmpty();
            } else {
                ConnectorExample connector = ConfigExamples.readConnector(file);
                assertThat(connector.connectorClass()).as(relative + " connector.class").isNotBlank();
                assertThat(connector.config().get("tasks.max")).as(relative + " tasks.max").matches("[1-9][0-9]*");
                assertThat(file.getFileName().toString()).as(relative + ": file named after the connector")
                        .isEqualTo(connector.name() + ".json");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("phases")
    void everyPhaseIsAStandaloneSetOfUniquelyNamedConnectors(String phase) {
        List<ConnectorExample> connectors = EXAMPLES.phase(phase);
        assertThat(connectors).isNotEmpty();
        assertThat(connectors).extracting(ConnectorExample::name).doesNotHaveDuplicates();
        assertThat(connectors).extracting(ConnectorExample::connectorClass)
                .contains("io.debezium.connector.postgresql.PostgresConnector", "dev.strangler.connect.reconcile.ReconcileSinkConnector");
    }

    @Test
    void aConnectorKeepsItsNameAndClassAcrossPhasesSoAPhaseChangeIsAnUpdate() {
        Map<String, String> classByName = new HashMap<>();
        for (String phase : ConfigExamples.PHASES) {
            for (ConnectorExample connector : EXAMPLES.phase(phase)) {
                String previous = classByName.putIfAbsent(connector.name(), connector.connectorClass());
                assertThat(previous == null ? connector.connectorClass() : previous)
                        .as(phase + "/" + connector.name()).isEqualTo(connector.connectorClass());
            }
        }
    }

    @Test
    void everyPhaseConnectorHasAStrimziTwinAndNoTwinIsOrphaned() throws IOException {
        Set<String> json = new TreeSet<>();
        for (String phase : ConfigExamples.PHASES) {
            EXAMPLES.phase(phase).forEach(c -> json.add(phase + "/" + c.name()));
        }
        Set<String> strimzi = new TreeSet<>();
        for (Path yaml : files(EXAMPLES.root().resolve("strimzi"), ".yaml")) {
            Path relative = EXAMPLES.root().resolve("strimzi").relativize(yaml);
            strimzi.add(relative.toString().replace('\\', '/').replaceAll("\\.yaml$", ""));
        }
        assertThat(strimzi).isEqualTo(json);
    }

    @ParameterizedTest
    @MethodSource("strimziResources")
    void strimziResourceSpecConfigEqualsItsJsonTwin(Path yaml) throws IOException {
        JsonNode resource = YAML.readTree(yaml.toFile());
        Path relative = EXAMPLES.root().resolve("strimzi").relativize(yaml);
        Path twinFile = EXAMPLES.root().resolve(relative.toString().replaceAll("\\.yaml$", ".json"));
        ConnectorExample twin = ConfigExamples.readConnector(twinFile);

        assertThat(resource.path("apiVersion").asText()).isEqualTo("kafka.strimzi.io/v1beta2");
        assertThat(resource.path("kind").asText()).isEqualTo("KafkaConnector");
        assertThat(resource.path("metadata").path("name").asText()).isEqualTo(twin.name());
        assertThat(resource.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isNotBlank();
        JsonNode spec = resource.path("spec");
        assertThat(spec.path("class").asText()).isEqualTo(twin.connectorClass());
        assertThat(spec.path("tasksMax").isInt()).as("tasksMax is a number in a KafkaConnector").isTrue();
        assertThat(spec.path("tasksMax").asText()).isEqualTo(twin.config().get("tasks.max"));

        // Strimzi owns connector.class and tasks.max (spec.class, spec.tasksMax); everything else is spec.config.
        Map<String, String> expected = new LinkedHashMap<>(twin.config());
        expected.remove("connector.class");
        expected.remove("tasks.max");
        Map<String, String> actual = new LinkedHashMap<>();
        spec.path("config").fields().forEachRemaining(field -> {
            assertThat(field.getValue().isTextual()).as(relative + ": " + field.getKey() + " must be a YAML string").isTrue();
            actual.put(field.getKey(), field.getValue().asText());
        });
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void everyPlaceholderIsKnownAndDocumented() throws IOException {
        String readme = Files.readString(EXAMPLES.root().resolve("README.md"));
        Set<String> used = new TreeSet<>();
        for (Path file : Stream.of(".json", ".yaml").flatMap(ext -> uncheckedFiles(EXAMPLES.root(), ext).stream()).toList()) {
            used.addAll(Placeholders.usedIn(Files.readString(file)));
        }
        assertThat(Placeholders.KNOWN.keySet()).containsAll(used);
        assertThat(used).as("every known placeholder is used somewhere").containsAll(Placeholders.KNOWN.keySet());
        for (String name : Placeholders.KNOWN.keySet()) {
            assertThat(readme).as("README documents {{" + name + "}}").contains("{{" + name + "}}");
        }
    }

    @Test
    void everyFileAConnectorNamesExistsInTheExamples() {
        Placeholders local = localPlaceholders();
        for (String phase : ConfigExamples.PHASES) {
            for (ConnectorExample connector : EXAMPLES.phase(phase)) {
                connector.resolve(local).forEach((key, value) -> {
                    if (key.endsWith(".file")) {
                        assertThat(Path.of(value)).as(phase + "/" + connector.name() + " " + key).isRegularFile();
                    }
                });
            }
        }
    }

    @Test
    void passwordsAreConfigProviderReferencesNeverLiterals() {
        Placeholders local = localPlaceholders();
        for (String phase : ConfigExamples.PHASES) {
            for (ConnectorExample connector : EXAMPLES.phase(phase)) {
                connector.resolve(local).forEach((key, value) -> {
                    if (key.endsWith("password")) {
                        assertThat(value).as(phase + "/" + connector.name() + " " + key).matches("\\$\\{file:[^}]+:[a-z.]+}");
                    }
                });
            }
        }
    }

    @Test
    void converterOverlaysReplaceEveryConverterKeyAndNothingElse() {
        Map<String, String> apicurio = EXAMPLES.converters("avro-apicurio");
        assertThat(apicurio.keySet()).allMatch(ConnectorExample::isConverterKey);
        for (ConnectorExample connector : EXAMPLES.phase("phase-2-partial-extraction")) {
            ConnectorExample avro = connector.withConverters(apicurio);
            assertThat(avro.config()).containsAllEntriesOf(apicurio);
            assertThat(avro.config().get("value.converter.schemas.enable")).isNull();
            assertThat(avro.config().size() - apicurio.size())
                    .isEqualTo((int) connector.config().keySet().stream().filter(k -> !ConnectorExample.isConverterKey(k)).count());
        }
        assertThat(EXAMPLES.converters("avro-confluent")).containsEntry("value.converter", "io.confluent.connect.avro.AvroConverter");
    }

    @Test
    void substitutionReplacesEveryPlaceholderAndRejectsUnknownOnes() {
        Placeholders local = localPlaceholders();
        assertThat(local.substitute("jdbc:postgresql://{{LEGACY_DB_HOST}}:{{LEGACY_DB_PORT}}/{{LEGACY_DB_NAME}}"))
                .isEqualTo("jdbc:postgresql://db.example:5432/legacy");
        assertThat(local.substitute("${file:{{SECRETS_FILE}}:legacy.password}"))
                .as("ConfigProvider references stay for the worker").isEqualTo("${file:/etc/strangler/secrets.properties:legacy.password}");
        assertThatThrownBy(() -> local.substitute("{{NO_SUCH}}")).hasMessageContaining("NO_SUCH");
        Map<String, String> incomplete = new HashMap<>(values());
        incomplete.remove("PLAN_FILE");
        assertThatThrownBy(() -> Placeholders.of(incomplete)).hasMessageContaining("PLAN_FILE");
    }

    private static Placeholders localPlaceholders() {
        return Placeholders.of(values());
    }

    private static Map<String, String> values() {
        Map<String, String> values = new HashMap<>();
        values.put("LEGACY_DB_HOST", "db.example");
        values.put("LEGACY_DB_PORT", "5432");
        values.put("LEGACY_DB_NAME", "legacy");
        values.put("LEGACY_DB_USER", "strangler");
        values.put("SERVICE_DB_HOST", "db.example");
        values.put("SERVICE_DB_PORT", "5432");
        values.put("SERVICE_DB_NAME", "endorsement");
        values.put("SERVICE_DB_USER", "strangler");
        values.put("SECRETS_FILE", "/etc/strangler/secrets.properties");
        values.put("PLAN_FILE", EXAMPLES.planFile().toString());
        values.put("EXAMPLES_DIR", EXAMPLES.root().toString());
        values.put("REGISTRY_URL", "http://registry.example:8080");
        return values;
    }

    private static List<Path> uncheckedFiles(Path dir, String extension) {
        try {
            return files(dir, extension);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Path> files(Path dir, String extension) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().endsWith(extension))
                    .filter(f -> !dir.relativize(f).startsWith("target"))
                    .sorted()
                    .toList();
        }
    }
}
