package dev.strangler.connect.it.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.strangler.connect.harness.LocalStack;
import dev.strangler.connect.harness.PostgresServer;

/**
 * Every connector of every phase in {@code config-examples/} passes the worker's own validation: the JSON a user
 * applies, with its placeholders replaced by this stack's hosts, ports and databases, is submitted to
 * {@code PUT /connector-plugins/{class}/config/validate} on the real worker (our bundle, Debezium's Postgres
 * connector, Apicurio's converter) and must come back with zero errors — with the JSON converters the examples
 * use, and with the Apicurio Avro converter overlays. The databases are created from the journey's schemas, so
 * Debezium's own connection checks run against the real legacy schema.
 *
 * <p>Confluent's AvroConverter overlay is not validated: the converter is not installable here (not on Maven
 * Central); ConfigExamplesTest checks that file's shape.
 */
class ExamplesValidateOnTheRealWorkerIT {

    private static final String PREFIX = "examples_validate";
    private static final String LEGACY_DB = PREFIX + "_legacy";
    private static final String SERVICE_DB = PREFIX + "_service";
    private static final List<String> PHASES = List.of("phase-1-mirror", "phase-2-partial-extraction",
            "phase-3-write-ownership", "phase-4-reads-retired", "phase-5-decommissioned");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z0-9_]+)}}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalStack stack;
    private static Path examples;
    private static Map<String, String> placeholders;

    @BeforeAll
    static void createDatabasesAndSecrets() throws IOException {
        stack = LocalStack.shared();
        Path root = repositoryRoot();
        examples = root.resolve("config-examples");
        Path sql = root.resolve("journey/src/main/resources/dev/strangler/connect/journey/sql");
        PostgresServer postgres = stack.postgres();
        postgres.createDatabase(LEGACY_DB);
        postgres.createDatabase(SERVICE_DB);
        postgres.execute(LEGACY_DB, "DROP SCHEMA IF EXISTS polad CASCADE", Files.readString(sql.resolve("legacy-schema.sql")));
        postgres.execute(SERVICE_DB, "DROP SCHEMA IF EXISTS endorsement CASCADE", Files.readString(sql.resolve("service-schema.sql")));

        // The worker resolves ${file:...} references itself, during validation too: give it a real secrets file.
        Path secrets = Files.createTempFile(PREFIX, ".properties");
        Files.writeString(secrets, "legacy.password=" + postgres.password() + "\nservice.password=" + postgres.password() + "\n",
                StandardCharsets.UTF_8);
        secrets.toFile().deleteOnExit();

        placeholders = new LinkedHashMap<>();
        placeholders.put("LEGACY_DB_HOST", postgres.host());
        placeholders.put("LEGACY_DB_PORT", Integer.toString(postgres.port()));
        placeholders.put("LEGACY_DB_NAME", LEGACY_DB);
        placeholders.put("LEGACY_DB_USER", postgres.user());
        placeholders.put("SERVICE_DB_HOST", postgres.host());
        placeholders.put("SERVICE_DB_PORT", Integer.toString(postgres.port()));
        placeholders.put("SERVICE_DB_NAME", SERVICE_DB);
        placeholders.put("SERVICE_DB_USER", postgres.user());
        placeholders.put("SECRETS_FILE", secrets.toString());
        placeholders.put("PLAN_FILE", examples.resolve("plan/endorsement-migration.yaml").toString());
        placeholders.put("EXAMPLES_DIR", examples.toString());
        placeholders.put("REGISTRY_URL", stack.registry().baseUrl());
    }

    @Test
    void everyPhaseConnectorValidatesWithTheJsonConvertersItUses() throws IOException {
        List<String> failures = new ArrayList<>();
        int validated = 0;
        for (String phase : PHASES) {
            for (Path file : jsonFiles(examples.resolve(phase))) {
                failures.addAll(validate(phase + "/" + file.getFileName(), connectorConfig(file)));
                validated++;
            }
        }
        assertThat(validated).isGreaterThanOrEqualTo(PHASES.size() * 3);
        assertThat(failures).as("validation errors").isEmpty();
    }

    @Test
    void everyPhaseConnectorValidatesWithTheApicurioAvroConverters() throws IOException {
        List<String> failures = new ArrayList<>();
        for (String overlayName : List.of("avro-apicurio", "avro-apicurio-contract-first")) {
            Map<String, String> overlay = stringMap(JSON.readTree(examples.resolve("converters/" + overlayName + ".json").toFile()));
            for (String phase : PHASES) {
                for (Path file : jsonFiles(examples.resolve(phase))) {
                    Map<String, String> config = new LinkedHashMap<>();
                    connectorConfig(file).forEach((key, value) -> {
                        if (!key.startsWith("key.converter") && !key.startsWith("value.converter")) {
                            config.put(key, value);
                        }
                    });
                    config.putAll(overlay);
                    failures.addAll(validate(phase + "/" + file.getFileName() + " with " + overlayName, config));
                }
            }
        }
        assertThat(failures).as("validation errors").isEmpty();
    }

    /** The checks above can fail: a real example broken in one key comes back with an error on that key. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            // connector                  | broken key                          | broken value                                     | key the error is reported on
            "endorsement-outbox            | bad.row.policy                      | ignore                                           | bad.row.policy",
            "endorsement-legacy-cdc        | transforms.guard.guard.tables       | polad.policy_version                             | transforms.guard.guard.tables",
            "endorsement-legacy-cdc        | transforms.guard.migration.plan.file | {{EXAMPLES_DIR}}/plan/no-such-plan.yaml         | transforms.guard.migration.plan.file",
            "endorsement-legacy-cdc        | transforms.approval.unknown.policy  | guess                                            | transforms.approval.unknown.policy",
            // Debezium checks the connection during validation and reports it on database.hostname.
            "endorsement-legacy-cdc        | database.dbname                     | no_such_database                                 | database.hostname",
            "endorsement-legacy-projection | mapping.file                        | {{EXAMPLES_DIR}}/mappings/shadow-projection.yaml | mapping.file",
            "endorsement-reconcile-shadow  | threshold.warning.rate              | 0.5                                              | threshold.warning.rate",
    })
    void aBrokenExampleIsReportedAgainstTheKeyThatIsWrong(String connector, String key, String brokenValue, String reportedKey)
            throws IOException {
        Map<String, String> config = connectorConfig(examples.resolve("phase-2-partial-extraction/" + connector + ".json"));
        config.put(key, substitute(brokenValue));
        List<String> failures = validate(connector, config);
        assertThat(failures).as("errors of a broken " + key).isNotEmpty();
        assertThat(failures).as("an error names " + reportedKey).anyMatch(failure -> failure.startsWith(connector + ": " + reportedKey + ": "));
    }

    /**
     * The guard's bindings are checked against the plan (here the plan file on the worker) in the worker's own
     * validation answer, on the binding's key: Connect has no cross-key hook for a transformation, so these errors
     * come from the keys' recommenders, which Connect calls with all of the transformation's values.
     */
    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "transforms.guard.guard.tables  | polad.policy_version=endorsment                          | 'polad.policy_version=endorsment': the plan has no entity 'endorsment' (entities: endorsement, policy)",
            "transforms.guard.guard.columns | endorsement.country=ctry_cd,endorsement.line=prod_line_cd | 'endorsement.line=prod_line_cd': entity 'endorsement' has no field 'line'",
            "transforms.guard.guard.columns | claim.product_line=prod_line_cd                          | 'claim.product_line=prod_line_cd': the plan has no entity 'claim'",
    })
    void aGuardBindingThePlanDoesNotHaveIsReportedOnItsKey(String key, String brokenValue, String message) throws IOException {
        String connector = "endorsement-legacy-cdc";
        Map<String, String> config = connectorConfig(examples.resolve("phase-2-partial-extraction/" + connector + ".json"));
        config.put(key, brokenValue);

        assertThat(validate(connector, config)).singleElement().asString()
                .startsWith(connector + ": " + key + ": ")
                .contains(message);
    }

    /** The errors the worker reports, each as "where: key: message"; empty when the config is valid. */
    private static List<String> validate(String what, Map<String, String> config) {
        JsonNode result = stack.connect().validate(config.get("connector.class"), config);
        List<String> errors = new ArrayList<>();
        for (JsonNode entry : result.path("configs")) {
            JsonNode value = entry.path("value");
            for (JsonNode error : value.path("errors")) {
                errors.add(what + ": " + value.path("name").asText() + ": " + error.asText());
            }
        }
        if (errors.isEmpty() && result.path("error_count").asInt() != 0) {
            errors.add(what + ": error_count " + result.path("error_count").asInt() + " without messages");
        }
        return errors;
    }

    /** The config as POST /connectors would store it: the file's config plus its name. */
    private static Map<String, String> connectorConfig(Path file) throws IOException {
        JsonNode connector = JSON.readTree(file.toFile());
        Map<String, String> resolved = new LinkedHashMap<>(stringMap(connector.path("config")));
        resolved.put("name", connector.path("name").asText());
        return resolved;
    }

    private static Map<String, String> stringMap(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            map.put(field.getKey(), substitute(field.getValue().asText()));
        }
        return map;
    }

    private static String substitute(String value) {
        Matcher matcher = PLACEHOLDER.matcher(value);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String replacement = placeholders.get(matcher.group(1));
            if (replacement == null) {
                throw new IllegalStateException("Placeholder {{" + matcher.group(1) + "}} has no value in this test");
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    private static List<Path> jsonFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("config-examples/README.md")) && Files.isDirectory(dir.resolve("journey"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No repository root above " + Path.of("").toAbsolutePath());
    }
}
