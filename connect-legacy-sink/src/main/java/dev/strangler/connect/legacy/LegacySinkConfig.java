package dev.strangler.connect.legacy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import dev.strangler.connect.core.config.EnumValidator;
import dev.strangler.connect.core.jdbc.JdbcConnectionConfig;
import dev.strangler.connect.core.origin.OriginMarker;
import dev.strangler.connect.core.origin.OriginMarkerConfig;
import dev.strangler.connect.core.plan.MigrationPlan;
import dev.strangler.connect.core.plan.MigrationPlanConfig;
import dev.strangler.connect.legacy.mapping.InvalidMappingException;
import dev.strangler.connect.legacy.mapping.MappingParser;
import dev.strangler.connect.legacy.mapping.ProjectionMapping;
import dev.strangler.connect.legacy.projection.UnmappedEventPolicy;

/**
 * Configuration of the legacy projection sink: the legacy database, the projection mapping (which tables each
 * event type writes), the origin marker, the optional migration plan and retry bounds. Parsed once into typed
 * accessors; the mapping is parsed against the origin marker and the plan, so every problem surfaces in
 * {@code config/validate}.
 */
public final class LegacySinkConfig extends AbstractConfig {

    public static final String MAPPING = "mapping";
    public static final String MAPPING_FILE = "mapping.file";
    public static final String EVENT_TYPE_SOURCE = "event.type.source";
    public static final String UNMAPPED_POLICY = "event.unmapped.policy";
    public static final String RETRY_MAX_ATTEMPTS = "retry.max.attempts";
    public static final String RETRY_BACKOFF_MS = "retry.backoff.ms";
    public static final String RETRY_BACKOFF_MAX_MS = "retry.backoff.max.ms";

    static final String CONNECTION_GROUP = "Legacy database";
    static final String MAPPING_GROUP = "Projection mapping";
    static final String EVENT_GROUP = "Events";
    static final String ORIGIN_GROUP = "Origin marker";
    static final String PLAN_GROUP = "Migration plan";
    static final String RETRY_GROUP = "Retries";

    /** A mapping is a few kilobytes; refusing megabytes keeps a wrong path from stalling a worker. */
    static final long MAX_MAPPING_FILE_BYTES = 1024 * 1024;

    public static final ConfigDef CONFIG_DEF = configDef();

    private final ProjectionMapping mapping;
    private final Optional<MigrationPlan> plan;
    private final OriginMarker originMarker;

    public LegacySinkConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
        this.originMarker = OriginMarkerConfig.from(this);
        this.plan = MigrationPlanConfig.optionalFrom(this);
        this.mapping = parseMapping(mappingDocument(getString(MAPPING), getString(MAPPING_FILE)), originMarker, plan);
    }

    private static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        JdbcConnectionConfig.define(def, "", CONNECTION_GROUP, "the legacy database", "strangler-legacy-sink");
        int order = 0;
        def.define(MAPPING, ConfigDef.Type.STRING, null, ConfigDef.Importance.HIGH,
                        "The projection mapping (JSON or YAML, see the README): per event type, the legacy tables it "
                                + "writes, their key, columns (from dotted field paths, constants, templates, reverse value "
                                + "mappings), write mode, version guard and detail rows. Inline or through a "
                                + "ConfigProvider; or use " + MAPPING_FILE + " instead; exactly one of the two.",
                        MAPPING_GROUP, ++order, ConfigDef.Width.LONG, "Mapping")
                .define(MAPPING_FILE, ConfigDef.Type.STRING, null, ConfigDef.Importance.HIGH,
                        "Path of the projection mapping file on the worker (the same file on every worker), instead of "
                                + MAPPING + ". Read when the task starts.",
                        MAPPING_GROUP, ++order, ConfigDef.Width.LONG, "Mapping file");
        order = 0;
        def.define(EVENT_TYPE_SOURCE, ConfigDef.Type.STRING, "header:eventType", new EventTypeSource.Validator(),
                        ConfigDef.Importance.MEDIUM,
                        "Where a record's event type is read: header:<name>, field:<dotted.path> of the value, or "
                                + "topic (a topic per event type). The type selects the mapping under 'events'.",
                        EVENT_GROUP, ++order, ConfigDef.Width.MEDIUM, "Event type source")
                .define(UNMAPPED_POLICY, ConfigDef.Type.STRING, EnumValidator.configValue(UnmappedEventPolicy.SKIP),
                        EnumValidator.of(UnmappedEventPolicy.class), ConfigDef.Importance.MEDIUM,
                        "What to do with an event whose type the mapping does not mention, or that has no type: skip "
                                + "(count it in the skipped-events metric), dead-letter (to the errant record reporter) or "
                                + "fail (stop the task).",
                        EVENT_GROUP, ++order, ConfigDef.Width.SHORT, "Unmapped events",
                        EnumValidator.of(UnmappedEventPolicy.class));
        OriginMarkerConfig.define(def, ORIGIN_GROUP);
        MigrationPlanConfig.define(def, PLAN_GROUP);
        order = 0;
        def.define(RETRY_MAX_ATTEMPTS, ConfigDef.Type.INT, 10, ConfigDef.Range.atLeast(0), ConfigDef.Importance.MEDIUM,
                        "How many times in a row a batch is retried after a transient database failure (connection "
                                + "lost, serialization failure, deadlock) before the task fails. Nothing is committed and "
                                + "no offset advances while a batch is retried.",
                        RETRY_GROUP, ++order, ConfigDef.Width.SHORT, "Max retries")
                .define(RETRY_BACKOFF_MS, ConfigDef.Type.LONG, 1000L, ConfigDef.Range.atLeast(0), ConfigDef.Importance.LOW,
                        "Pause before the first retry, doubled on each further retry up to " + RETRY_BACKOFF_MAX_MS + ".",
                        RETRY_GROUP, ++order, ConfigDef.Width.SHORT, "Retry back-off (ms)")
                .define(RETRY_BACKOFF_MAX_MS, ConfigDef.Type.LONG, 30_000L, ConfigDef.Range.atLeast(0), ConfigDef.Importance.LOW,
                        "Longest pause between retries.",
                        RETRY_GROUP, ++order, ConfigDef.Width.SHORT, "Max retry back-off (ms)");
        return def;
    }

    /**
     * The mapping document from {@value #MAPPING} or {@value #MAPPING_FILE}.
     *
     * @throws ConfigException naming the key when neither or both are set or the file cannot be read
     */
    static String mappingDocument(String inline, String file) {
        boolean hasInline = inline != null && !inline.isBlank();
        boolean hasFile = file != null && !file.isBlank();
        if (hasInline && hasFile) {
            throw new MappingSourceProblem(MAPPING_FILE, file, "Set either " + MAPPING + " or " + MAPPING_FILE + ", not both");
        }
        if (!hasInline && !hasFile) {
            throw new MappingSourceProblem(MAPPING, null, "A projection mapping is required: set " + MAPPING + " (the document) or "
                    + MAPPING_FILE + " (a path on the worker)");
        }
        if (hasInline) {
            return inline;
        }
        try {
            Path path = Paths.get(file.trim());
            if (!Files.isRegularFile(path)) {
                throw new MappingSourceProblem(MAPPING_FILE, file, "no such file on this worker");
            }
            if (Files.size(path) > MAX_MAPPING_FILE_BYTES) {
                throw new MappingSourceProblem(MAPPING_FILE, file, "larger than " + MAX_MAPPING_FILE_BYTES + " bytes: not a mapping file");
            }
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            if (e instanceof MappingSourceProblem problem) {
                throw problem;
            }
            throw new MappingSourceProblem(MAPPING_FILE, file, "cannot read the mapping file: " + e);
        }
    }

    /** Why the mapping document cannot be had, with the key to report it under and the reason alone. */
    static final class MappingSourceProblem extends ConfigException {
        private static final long serialVersionUID = 1L;
        private final String key;
        private final String reason;

        MappingSourceProblem(String key, Object value, String reason) {
            super(key, value, reason);
            this.key = key;
            this.reason = reason;
        }

        String key() {
            return key;
        }

        String reason() {
            return reason;
        }
    }

    /** The key a problem of the mapping (or of the choice between its two forms) is reported under. */
    static String mappingKey(String inline, String file) {
        boolean hasFile = file != null && !file.isBlank();
        return hasFile ? MAPPING_FILE : MAPPING;
    }

    private ProjectionMapping parseMapping(String document, OriginMarker marker, Optional<MigrationPlan> plan) {
        try {
            return MappingParser.parse(document, marker, plan);
        } catch (InvalidMappingException e) {
            throw new ConfigException(mappingKey(getString(MAPPING), getString(MAPPING_FILE)), "(mapping of " + document.length() + " characters)", e.getMessage());
        }
    }

    public JdbcConnectionConfig connection() {
        return JdbcConnectionConfig.from(this, "");
    }

    public ProjectionMapping mapping() {
        return mapping;
    }

    public Optional<MigrationPlan> plan() {
        return plan;
    }

    public OriginMarker originMarker() {
        return originMarker;
    }

    EventTypeSource eventTypeSource() {
        return EventTypeSource.parse(getString(EVENT_TYPE_SOURCE));
    }

    public UnmappedEventPolicy unmappedPolicy() {
        return EnumValidator.parse(UnmappedEventPolicy.class, UNMAPPED_POLICY, getString(UNMAPPED_POLICY));
    }

    public int retryMaxAttempts() {
        return getInt(RETRY_MAX_ATTEMPTS);
    }

    /** The pause before retry number {@code attempt} (1-based): doubling from the base, capped at the maximum. */
    public Duration retryBackoff(int attempt) {
        long base = getLong(RETRY_BACKOFF_MS);
        long max = getLong(RETRY_BACKOFF_MAX_MS);
        int shift = Math.min(Math.max(attempt - 1, 0), 30);
        long backoff = base > (Long.MAX_VALUE >> shift) ? max : base << shift;
        return Duration.ofMillis(Math.min(backoff, max));
    }
}
