package dev.strangler.connect.core.plan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;

/**
 * The configuration keys through which every plugin takes the migration plan, defined once so that each plugin
 * reads the same plan the same way:
 *
 * <ul>
 *   <li>{@value #PLAN}: the plan document inline (YAML or JSON). With a ConfigProvider the document can live in a
 *       file or secret store, e.g. {@code ${directory:/etc/strangler:endorsement-migration.yaml}} with Kafka's
 *       {@code DirectoryConfigProvider}, which returns the whole file.</li>
 *   <li>{@value #PLAN_FILE}: the path of the plan file on the worker (every worker of the cluster needs the same
 *       file at the same path).</li>
 * </ul>
 * Exactly one of the two is set. The plan is parsed and checked by the keys' validators, so a bad plan fails
 * {@code config/validate} with the path of the problem inside the document, e.g.
 * {@code migration.plan: scopes[2].effective[0].from: not an ISO-8601 instant}.
 */
public final class MigrationPlanConfig {

    public static final String PLAN = "migration.plan";
    public static final String PLAN_FILE = "migration.plan.file";

    /** A plan is a few kilobytes; refusing megabytes keeps a wrong path (a log file, a dump) from stalling a worker. */
    static final long MAX_PLAN_FILE_BYTES = 1024 * 1024;

    private MigrationPlanConfig() {
    }

    /** Adds {@value #PLAN} and {@value #PLAN_FILE} to {@code configDef} in {@code group}, ordered from 1. */
    public static ConfigDef define(ConfigDef configDef, String group) {
        int order = 0;
        return configDef
                .define(PLAN, ConfigDef.Type.STRING, null, new InlinePlanValidator(), ConfigDef.Importance.HIGH,
                        "The migration plan (YAML or JSON, see docs/migration-plan.md): per scope, the system of record, "
                                + "write authority, publisher, conflict rule and phase over time. Give it inline, through "
                                + "a ConfigProvider (e.g. ${directory:/etc/strangler:plan.yaml}), or use " + PLAN_FILE
                                + " instead; exactly one of the two.",
                        group, ++order, ConfigDef.Width.LONG, "Migration plan")
                .define(PLAN_FILE, ConfigDef.Type.STRING, null, new PlanFileValidator(), ConfigDef.Importance.HIGH,
                        "Path of the migration plan file on the worker (the same file on every worker), instead of "
                                + PLAN + ". Read when the plugin starts: after changing the file, restart the connector. "
                                + "Cutovers still happen at the plan's event times, whenever the restart happens.",
                        group, ++order, ConfigDef.Width.LONG, "Migration plan file");
    }

    /**
     * The plan the configuration names.
     *
     * @throws ConfigException naming the key when neither or both keys are set or the plan is invalid
     */
    public static MigrationPlan from(AbstractConfig config) {
        return optionalFrom(config).orElseThrow(() -> new ConfigException(PLAN, null, missingMessage()));
    }

    /** The plan, or empty when neither key is set (for plugins where the plan is optional). */
    public static Optional<MigrationPlan> optionalFrom(AbstractConfig config) {
        String inline = config.getString(PLAN);
        String file = config.getString(PLAN_FILE);
        if (isSet(inline) && isSet(file)) {
            throw new ConfigException(PLAN_FILE, file, bothMessage());
        }
        if (isSet(inline)) {
            return Optional.of(parseInline(PLAN, inline));
        }
        if (isSet(file)) {
            return Optional.of(parseFile(PLAN_FILE, file.trim()));
        }
        return Optional.empty();
    }

    /**
     * The plan of a configuration being validated, for the checks of <em>other</em> keys against it: {@code
     * parsedConfig} holds the parsed values of every key, as {@link ConfigDef.Recommender#validValues} receives them
     * (a transformation's keys without their {@code transforms.<alias>.} prefix: Connect embeds the transformation's
     * ConfigDef with {@link ConfigDef#embed}, whose recommenders see the values of that one transformation).
     *
     * <p>Connect validates a transformation key by key and has no cross-key hook for transformations, but it calls
     * every recommender with all parsed values and reports a {@link ConfigException} thrown by it as an error on the
     * recommender's key. A key whose meaning depends on the plan (e.g. the guard's table-to-entity bindings) uses a
     * recommender that calls this method, so {@code config/validate} reports the inconsistency on that key.
     *
     * @return empty when the plan keys are unset, both set, or hold an invalid plan: their own validators report that
     */
    public static Optional<MigrationPlan> planForValidation(Map<String, Object> parsedConfig) {
        Object inline = parsedConfig.get(PLAN);
        Object file = parsedConfig.get(PLAN_FILE);
        boolean hasInline = inline != null && isSet(inline.toString());
        boolean hasFile = file != null && isSet(file.toString());
        if (hasInline == hasFile) {
            return Optional.empty();
        }
        try {
            return Optional.of(hasInline ? parseInline(PLAN, inline.toString()) : parseFile(PLAN_FILE, file.toString().trim()));
        } catch (ConfigException e) {
            return Optional.empty();
        }
    }

    /**
     * Adds the rule between the two keys to a connector's {@code validate()} result: exactly one of them when
     * {@code required}, at most one otherwise.
     */
    public static void validateChoice(Map<String, String> connectorConfig, Map<String, ConfigValue> results, boolean required) {
        boolean inline = isSet(connectorConfig.get(PLAN));
        boolean file = isSet(connectorConfig.get(PLAN_FILE));
        if (inline && file) {
            addError(results, PLAN_FILE, bothMessage());
        } else if (required && !inline && !file) {
            addError(results, PLAN, missingMessage());
        }
    }

    private static void addError(Map<String, ConfigValue> results, String key, String message) {
        results.computeIfAbsent(key, ConfigValue::new).addErrorMessage(message);
    }

    private static String missingMessage() {
        return "A migration plan is required: set " + PLAN + " (the document, inline or through a ConfigProvider) or "
                + PLAN_FILE + " (a path on the worker)";
    }

    private static String bothMessage() {
        return "Set either " + PLAN + " or " + PLAN_FILE + ", not both";
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    private static MigrationPlan parseInline(String key, String document) {
        try {
            return PlanParser.parse(document);
        } catch (InvalidPlanException e) {
            // The value is a whole document: name its size, not its text, in the message.
            throw new ConfigException(key, "(plan of " + document.length() + " characters)", e.getMessage());
        }
    }

    private static MigrationPlan parseFile(String key, String location) {
        Path path;
        try {
            path = Paths.get(location);
        } catch (RuntimeException e) {
            throw new ConfigException(key, location, "not a file path: " + e.getMessage());
        }
        String document;
        try {
            if (!Files.isRegularFile(path)) {
                throw new ConfigException(key, location, "no such file on this worker");
            }
            if (Files.size(path) > MAX_PLAN_FILE_BYTES) {
                throw new ConfigException(key, location, "larger than " + MAX_PLAN_FILE_BYTES + " bytes: not a plan file");
            }
            document = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(key, location, "cannot read the plan file: " + e);
        }
        try {
            return PlanParser.parse(document);
        } catch (InvalidPlanException e) {
            throw new ConfigException(key, location, e.getMessage());
        }
    }

    /** Parses the inline plan during validation, so problems surface in {@code config/validate}. */
    static final class InlinePlanValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value != null && isSet(value.toString())) {
                parseInline(name, value.toString());
            }
        }

        @Override
        public String toString() {
            return "a migration plan document (YAML or JSON)";
        }
    }

    /** Reads and parses the plan file during validation. */
    static final class PlanFileValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value != null && isSet(value.toString())) {
                parseFile(name, value.toString().trim());
            }
        }

        @Override
        public String toString() {
            return "path of a readable migration plan file on the worker";
        }
    }
}
