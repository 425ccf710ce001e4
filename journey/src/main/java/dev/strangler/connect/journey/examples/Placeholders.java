package dev.strangler.connect.journey.examples;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The placeholders of {@code config-examples/}: {@code {{NAME}}} in any value, replaced by the deployment's value
 * (a GitOps pipeline, a test, the journey demo). The double braces cannot be confused with Kafka ConfigProvider
 * references ({@code ${provider:path:key}}), which the worker resolves itself and which stay in the values.
 */
public final class Placeholders {

    /** Every placeholder the examples may use, with what it stands for (documented in config-examples/README.md). */
    public static final Map<String, String> KNOWN = knownPlaceholders();

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z0-9_]+)}}");

    private final Map<String, String> values;

    private Placeholders(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /**
     * @throws IllegalArgumentException when a value is missing for a known placeholder or given for an unknown one
     */
    public static Placeholders of(Map<String, String> values) {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(KNOWN.keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown placeholders " + unknown + "; known: " + KNOWN.keySet());
        }
        Set<String> missing = new TreeSet<>(KNOWN.keySet());
        missing.removeAll(values.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("No value for placeholders " + missing);
        }
        return new Placeholders(values);
    }

    /** The names of the placeholders {@code text} uses. */
    public static Set<String> usedIn(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    public String substitute(String text) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("Unknown placeholder {{" + matcher.group(1) + "}}");
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    private static Map<String, String> knownPlaceholders() {
        Map<String, String> known = new LinkedHashMap<>();
        known.put("LEGACY_DB_HOST", "host of the legacy (policy administration) PostgreSQL");
        known.put("LEGACY_DB_PORT", "its port");
        known.put("LEGACY_DB_NAME", "the legacy database, holding schema polad");
        known.put("LEGACY_DB_USER", "the user the connectors log in as (Debezium needs REPLICATION)");
        known.put("SERVICE_DB_HOST", "host of the Endorsement service's PostgreSQL");
        known.put("SERVICE_DB_PORT", "its port");
        known.put("SERVICE_DB_NAME", "the service's database, holding schema endorsement");
        known.put("SERVICE_DB_USER", "the user the connectors log in as");
        known.put("SECRETS_FILE", "properties file on every worker with legacy.password and service.password, read by "
                + "Kafka's FileConfigProvider (config.providers=file)");
        known.put("PLAN_FILE", "path on every worker of plan/endorsement-migration.yaml");
        known.put("EXAMPLES_DIR", "path on every worker of this directory (for mappings/)");
        known.put("REGISTRY_URL", "base URL of the schema registry (Apicurio: http://registry:8080), Avro converters only");
        return Map.copyOf(known);
    }
}
