package dev.strangler.connect.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

import dev.strangler.connect.core.config.EnumValidator;
import dev.strangler.connect.core.jdbc.JdbcConnectionConfig;
import dev.strangler.connect.core.plan.MigrationPlan;
import dev.strangler.connect.core.plan.MigrationPlanConfig;
import dev.strangler.connect.core.sql.SqlIdentifier;
import dev.strangler.connect.core.sql.TableName;
import dev.strangler.connect.outbox.housekeeping.HousekeepingMode;
import dev.strangler.connect.outbox.plan.PlanBinding;
import dev.strangler.connect.outbox.plan.PublicationAuthority;
import dev.strangler.connect.outbox.plan.PublisherViolationPolicy;
import dev.strangler.connect.outbox.shape.AdditionalColumn;
import dev.strangler.connect.outbox.shape.BadRowPolicy;
import dev.strangler.connect.outbox.shape.MetadataPlacement;
import dev.strangler.connect.outbox.shape.PayloadFormat;
import dev.strangler.connect.outbox.shape.TopicRouter;
import dev.strangler.connect.outbox.sql.OutboxTableLayout;

/**
 * Configuration of the outbox source connector, parsed once into typed values. Every key is validated when the
 * connector is configured; rules that involve several keys are checked by {@link #crossFieldProblems} and reported
 * by {@code OutboxSourceConnector.validate()} against the key to change.
 */
public final class OutboxSourceConfig extends AbstractConfig {

    public static final String CONNECTION_GROUP = "Connection";
    public static final String TABLE_GROUP = "Outbox table";
    public static final String SHAPE_GROUP = "Routing and shape";
    public static final String POLL_GROUP = "Polling";
    public static final String BAD_ROW_GROUP = "Bad rows";
    public static final String HOUSEKEEPING_GROUP = "Housekeeping";
    public static final String PLAN_GROUP = "Migration plan";

    public static final String TABLES = "outbox.tables";
    public static final String COLUMN_TRANSACTION_ID = "column.transaction.id";
    public static final String COLUMN_EVENT_ID = "column.event.id";
    public static final String COLUMN_AGGREGATE_TYPE = "column.aggregate.type";
    public static final String COLUMN_AGGREGATE_ID = "column.aggregate.id";
    public static final String COLUMN_EVENT_TYPE = "column.event.type";
    public static final String COLUMN_PAYLOAD = "column.payload";
    public static final String COLUMN_TIMESTAMP = "column.timestamp";
    public static final String COLUMN_SCHEMA_VERSION = "column.schema.version";
    public static final String COLUMN_TRACING = "column.tracing";
    public static final String COLUMN_ADDITIONAL = "column.additional";

    public static final String TOPIC_PATTERN = "topic.pattern";
    public static final String PAYLOAD_FORMAT = "payload.format";
    public static final String METADATA_PLACEMENT = "metadata.placement";

    public static final String POLL_INTERVAL_MS = "poll.interval.ms";
    public static final String POLL_BACKOFF_INITIAL_MS = "poll.backoff.initial.ms";
    public static final String POLL_BATCH_SIZE = "poll.batch.size";
    public static final String POLL_NOTIFY_CHANNEL = "poll.notify.channel";

    public static final String BAD_ROW_POLICY = "bad.row.policy";
    public static final String BAD_ROW_TOPIC = "bad.row.topic";

    public static final String HOUSEKEEPING_MODE = "housekeeping.mode";
    public static final String HOUSEKEEPING_MARK_COLUMN = "housekeeping.mark.column";
    public static final String HOUSEKEEPING_RETENTION_MS = "housekeeping.retention.ms";
    public static final String HOUSEKEEPING_INTERVAL_MS = "housekeeping.interval.ms";

    public static final String PLAN_AGGREGATE_TYPES = "plan.aggregate.types";
    public static final String PLAN_FIELDS = "plan.fields";
    public static final String PLAN_VIOLATION_POLICY = "plan.violation.policy";
    public static final String PLAN_VIOLATION_TOPIC = "plan.violation.topic";

    /** The ACL guard's default too, so operators find every kind of authority violation on one topic. */
    public static final String DEFAULT_VIOLATION_TOPIC = "strangler.authority.violations";

    /** Set by the connector in each task's configuration: the tables that task publishes. */
    public static final String TASK_TABLES = "task.tables";

    private static final long MIN_POLL_INTERVAL_MS = 10;
    static final String DEFAULT_APPLICATION_NAME = "strangler-outbox-source";
    private static final Pattern LEGAL_TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    public static final ConfigDef CONFIG_DEF = configDef();

    /** The connector's keys plus the task-only {@link #TASK_TABLES}. */
    static final ConfigDef TASK_CONFIG_DEF = new ConfigDef(CONFIG_DEF)
            .define(TASK_TABLES, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, new TableListValidator(), Importance.LOW,
                    "Tables assigned to this task by the connector (internal).");

    private final List<TableName> tables;
    private final OutboxTableLayout layout;
    private final TopicRouter topicRouter;
    private final List<AdditionalColumn> additionalColumns;
    private final Optional<PublicationAuthority> publicationAuthority;

    public OutboxSourceConfig(Map<String, String> originals) {
        this(CONFIG_DEF, originals);
    }

    OutboxSourceConfig(ConfigDef definition, Map<String, String> originals) {
        super(definition, originals, false);
        Map<String, List<String>> problems = crossFieldProblems(originals);
        if (!problems.isEmpty()) {
            Map.Entry<String, List<String>> first = problems.entrySet().iterator().next();
            throw new ConfigException(first.getKey(), originals.get(first.getKey()), first.getValue().get(0));
        }
        this.tables = getList(TABLES).stream().map(TableName::parse).toList();
        this.additionalColumns = getList(COLUMN_ADDITIONAL).stream().map(AdditionalColumn::parse).toList();
        this.layout = new OutboxTableLayout(tables.get(0),
                SqlIdentifier.of(getString(COLUMN_TRANSACTION_ID)),
                SqlIdentifier.of(getString(COLUMN_EVENT_ID)),
                SqlIdentifier.of(getString(COLUMN_AGGREGATE_TYPE)),
                SqlIdentifier.of(getString(COLUMN_AGGREGATE_ID)),
                SqlIdentifier.of(getString(COLUMN_EVENT_TYPE)),
                SqlIdentifier.of(getString(COLUMN_PAYLOAD)),
                optionalIdentifier(COLUMN_TIMESTAMP),
                optionalIdentifier(COLUMN_SCHEMA_VERSION),
                optionalIdentifier(COLUMN_TRACING),
                additionalColumns.stream().map(AdditionalColumn::column).toList());
        this.topicRouter = TopicRouter.of(getString(TOPIC_PATTERN));
        Optional<MigrationPlan> plan = MigrationPlanConfig.optionalFrom(this);
        this.publicationAuthority = plan.map(p -> new PublicationAuthority(p, PlanBinding.parse(getList(PLAN_AGGREGATE_TYPES),
                getList(PLAN_FIELDS), p, additionalColumnNames(additionalColumns))));
    }

    private static List<String> additionalColumnNames(List<AdditionalColumn> columns) {
        return columns.stream().map(column -> column.column().name()).toList();
    }

    private static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        JdbcConnectionConfig.define(def, "", CONNECTION_GROUP, "the service's database that holds the outbox tables",
                DEFAULT_APPLICATION_NAME);

        int order = 0;
        def.define(TABLES, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, new TableListValidator(), Importance.HIGH,
                "Outbox tables to publish, comma-separated, each 'table' or 'schema.table'. They share one column layout; "
                        + "tasks split the tables between them (one table is never read by two tasks).",
                TABLE_GROUP, ++order, Width.LONG, "Outbox tables");
        order = column(def, order, COLUMN_TRANSACTION_ID, "xid", true,
                "Column holding the id of the writing transaction: type xid8, NOT NULL DEFAULT pg_current_xact_id(). "
                        + "It is what lets the connector never skip a row (see README).");
        order = column(def, order, COLUMN_EVENT_ID, "id", true,
                "Event id column (uuid, bigint or text), unique; published as the 'id' header. Events of one source "
                        + "transaction are published in id order, so use an increasing id (identity, UUIDv7) when a "
                        + "transaction writes several events of one aggregate.");
        order = column(def, order, COLUMN_AGGREGATE_TYPE, "aggregatetype", true,
                "Aggregate type column; fills ${aggregatetype} in " + TOPIC_PATTERN + ".");
        order = column(def, order, COLUMN_AGGREGATE_ID, "aggregateid", true,
                "Aggregate id column; the record key, so all events of an aggregate go to one partition in order.");
        order = column(def, order, COLUMN_EVENT_TYPE, "type", true, "Event type column; published as the 'eventType' header.");
        order = column(def, order, COLUMN_PAYLOAD, "payload", true,
                "Payload column (jsonb, json, text or bytea). NULL publishes a tombstone.");
        order = column(def, order, COLUMN_TIMESTAMP, "", false,
                "Optional event time column (timestamptz): record timestamp, 'eventTimestamp' header, lag metric and "
                        + "age-based retention. Empty for none.");
        order = column(def, order, COLUMN_SCHEMA_VERSION, "", false,
                "Optional column with the event's schema version, published as the 'schemaVersion' header. Empty for none.");
        order = column(def, order, COLUMN_TRACING, "", false,
                "Optional column with the W3C trace context: a traceparent value, or properties text with traceparent= "
                        + "(Debezium's tracingspancontext). Propagated as the 'traceparent' (and 'tracestate') header.");
        def.define(COLUMN_ADDITIONAL, Type.LIST, "", new AdditionalColumnsValidator(), Importance.LOW,
                "Extra columns to publish, comma-separated entries column:header or column:envelope, optionally with "
                        + ":name (e.g. tenant_id:header:tenant). Values are published as text.",
                TABLE_GROUP, ++order, Width.LONG, "Additional columns");

        order = 0;
        def.define(TOPIC_PATTERN, Type.STRING, "outbox.event." + TopicRouter.AGGREGATE_TYPE_PLACEHOLDER, new TopicPatternValidator(),
                Importance.HIGH, "Topic of each event; " + TopicRouter.AGGREGATE_TYPE_PLACEHOLDER + " is replaced by the row's aggregate "
                        + "type. A row whose aggregate type makes an illegal topic name is a bad row.",
                SHAPE_GROUP, ++order, Width.LONG, "Topic pattern");
        def.define(PAYLOAD_FORMAT, Type.STRING, EnumValidator.configValue(PayloadFormat.EXPANDED), EnumValidator.of(PayloadFormat.class),
                Importance.MEDIUM, "expanded: parse the JSON payload into a Connect struct with an inferred schema (invalid JSON is "
                        + "a bad row); string: the payload text as is; bytes: the payload bytes as is (bytea, or UTF-8 text).",
                SHAPE_GROUP, ++order, Width.SHORT, "Payload format", EnumValidator.of(PayloadFormat.class));
        def.define(METADATA_PLACEMENT, Type.STRING, EnumValidator.configValue(MetadataPlacement.HEADER),
                EnumValidator.of(MetadataPlacement.class), Importance.MEDIUM,
                "header: the value is the payload and event id, type, aggregate type, timestamp and schema version are headers; "
                        + "envelope: the value is a struct with those fields and the payload. The trace context is always a header.",
                SHAPE_GROUP, ++order, Width.SHORT, "Metadata placement", EnumValidator.of(MetadataPlacement.class));

        order = 0;
        def.define(POLL_INTERVAL_MS, Type.LONG, 1000L, ConfigDef.Range.between(MIN_POLL_INTERVAL_MS, 300_000), Importance.MEDIUM,
                "Longest wait between two reads of an idle outbox; with " + POLL_NOTIFY_CHANNEL + " a notification ends the "
                        + "wait early. Also the wait before retrying after a database error.",
                POLL_GROUP, ++order, Width.SHORT, "Poll interval (ms)");
        def.define(POLL_BACKOFF_INITIAL_MS, Type.LONG, 2L, ConfigDef.Range.between(1, 300_000), Importance.LOW,
                "Wait after the first poll that finds no event; each further empty poll doubles it up to " + POLL_INTERVAL_MS
                        + " (for a second after the last events at most 8 times this), and a poll that finds events makes "
                        + "it short again. Events committed while an older transaction is still open are held back until it "
                        + "ends (usually a millisecond or two); a short first wait publishes them then instead of a whole "
                        + "interval later. Set it to " + POLL_INTERVAL_MS + " for a fixed interval.",
                POLL_GROUP, ++order, Width.SHORT, "First idle wait (ms)");
        def.define(POLL_BATCH_SIZE, Type.INT, 1000, ConfigDef.Range.between(1, 100_000), Importance.MEDIUM,
                "Most rows read from one table in one poll.", POLL_GROUP, ++order, Width.SHORT, "Batch size");
        def.define(POLL_NOTIFY_CHANNEL, Type.STRING, "", new IdentifierValidator(false), Importance.LOW,
                "PostgreSQL LISTEN channel on which the outbox trigger sends NOTIFY after inserts (see README for the trigger). "
                        + "Empty: poll every " + POLL_INTERVAL_MS + " only.",
                POLL_GROUP, ++order, Width.MEDIUM, "Wake-up channel");

        order = 0;
        def.define(BAD_ROW_POLICY, Type.STRING, EnumValidator.configValue(BadRowPolicy.FAIL), EnumValidator.of(BadRowPolicy.class),
                Importance.MEDIUM, "A row that cannot become an event (NULL aggregate type, aggregate id or event type; invalid JSON "
                        + "with payload.format=expanded; an aggregate type that makes an illegal topic): fail stops the task, "
                        + "skip logs its id and counts it in the bad-rows metric, error-topic publishes it to " + BAD_ROW_TOPIC
                        + " with the reason in headers.",
                BAD_ROW_GROUP, ++order, Width.SHORT, "Bad row policy", EnumValidator.of(BadRowPolicy.class));
        def.define(BAD_ROW_TOPIC, Type.STRING, "", Importance.MEDIUM,
                "Topic for bad rows when " + BAD_ROW_POLICY + "=error-topic.", BAD_ROW_GROUP, ++order, Width.LONG, "Error topic");

        order = 0;
        def.define(HOUSEKEEPING_MODE, Type.STRING, EnumValidator.configValue(HousekeepingMode.LEAVE), EnumValidator.of(HousekeepingMode.class),
                Importance.MEDIUM, "What to do with rows once their offsets are committed (never earlier): leave them to the service, "
                        + "delete them, or mark them by setting " + HOUSEKEEPING_MARK_COLUMN + " to the publication time.",
                HOUSEKEEPING_GROUP, ++order, Width.SHORT, "Housekeeping", EnumValidator.of(HousekeepingMode.class));
        def.define(HOUSEKEEPING_MARK_COLUMN, Type.STRING, "", new IdentifierValidator(false), Importance.LOW,
                "timestamptz column set when a row is published (housekeeping.mode=mark).",
                HOUSEKEEPING_GROUP, ++order, Width.MEDIUM, "Mark column");
        def.define(HOUSEKEEPING_RETENTION_MS, Type.LONG, 0L, ConfigDef.Range.atLeast(0), Importance.LOW,
                "Keep published rows at least this long: with delete, rows are deleted once their " + COLUMN_TIMESTAMP + " is older; "
                        + "with mark, marked rows are deleted once marked longer ago. 0 deletes at once (delete) or never (mark).",
                HOUSEKEEPING_GROUP, ++order, Width.SHORT, "Retention (ms)");
        def.define(HOUSEKEEPING_INTERVAL_MS, Type.LONG, 10_000L, ConfigDef.Range.between(100, 86_400_000), Importance.LOW,
                "How often housekeeping runs at most.", HOUSEKEEPING_GROUP, ++order, Width.SHORT, "Housekeeping interval (ms)");

        MigrationPlanConfig.define(def, PLAN_GROUP);
        order = 2; // after the two plan keys
        def.define(PLAN_AGGREGATE_TYPES, Type.LIST, "", Importance.HIGH,
                "With a migration plan: which aggregate types are which plan entity, as aggregatetype=entity entries, e.g. "
                        + "Endorsement=endorsement. An event of a bound type whose scope has publisher legacy at the event's time "
                        + "is handled by " + PLAN_VIOLATION_POLICY + "; events of other aggregate types, and events before the "
                        + "plan governs their entity, are published as usual. Required with a plan.",
                PLAN_GROUP, ++order, Width.LONG, "Plan entities");
        def.define(PLAN_FIELDS, Type.LIST, "", Importance.MEDIUM,
                "Where a plan field is found when it is not the payload's top-level field of the same name, as "
                        + "entity.field=payload:<dotted path> or entity.field=column:<column of " + COLUMN_ADDITIONAL + ">, "
                        + "e.g. endorsement.country=payload:policy.country. A field that is missing or not a scalar "
                        + "matches no condition of a scope (the event falls to a less specific scope).",
                PLAN_GROUP, ++order, Width.LONG, "Plan fields");
        def.define(PLAN_VIOLATION_POLICY, Type.STRING, EnumValidator.configValue(PublisherViolationPolicy.VIOLATION_TOPIC),
                EnumValidator.of(PublisherViolationPolicy.class), Importance.MEDIUM,
                "An event whose scope the plan gives to legacy as publisher at the event's time: violation-topic sends it to "
                        + PLAN_VIOLATION_TOPIC + " instead of its domain topic, with the scope, phase and reason in "
                        + "strangler.violation.* headers; publish-with-headers publishes it as usual with those headers; skip "
                        + "drops it with a log line. Each is counted in publisher-violations-total.",
                PLAN_GROUP, ++order, Width.SHORT, "Violation policy", EnumValidator.of(PublisherViolationPolicy.class));
        def.define(PLAN_VIOLATION_TOPIC, Type.STRING, DEFAULT_VIOLATION_TOPIC, Importance.MEDIUM,
                "Topic for events of legacy-published scopes when " + PLAN_VIOLATION_POLICY + "=violation-topic (the ACL "
                        + "authority guard's default violation topic).",
                PLAN_GROUP, ++order, Width.LONG, "Violation topic");
        return def;
    }

    private static int column(ConfigDef def, int order, String key, String defaultName, boolean required, String doc) {
        def.define(key, Type.STRING, defaultName, new IdentifierValidator(required), required ? Importance.MEDIUM : Importance.LOW,
                doc, TABLE_GROUP, ++order, Width.MEDIUM, key.substring("column.".length()) + " column");
        return order;
    }

    /**
     * Problems that involve several keys, by the key the user should change. Values that fail their own
     * validator are left to that validator.
     */
    public static Map<String, List<String>> crossFieldProblems(Map<String, String> config) {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        String url = config.getOrDefault(JdbcConnectionConfig.URL, "");
        if (url.trim().toLowerCase(Locale.ROOT).startsWith("jdbc:oracle:")) {
            add(problems, JdbcConnectionConfig.URL, "the outbox connector needs PostgreSQL 13 or newer (xid8 and pg_current_snapshot)");
        }
        String policy = config.getOrDefault(BAD_ROW_POLICY, "fail");
        if (isEnum(BadRowPolicy.class, policy, BadRowPolicy.ERROR_TOPIC)) {
            String topic = config.getOrDefault(BAD_ROW_TOPIC, "").trim();
            if (topic.isEmpty()) {
                add(problems, BAD_ROW_TOPIC, "is required when " + BAD_ROW_POLICY + "=error-topic");
            } else if (!LEGAL_TOPIC.matcher(topic).matches()) {
                add(problems, BAD_ROW_TOPIC, "'" + topic + "' is not a legal topic name (letters, digits, '.', '_', '-')");
            }
        }
        long interval = longOr(config.get(POLL_INTERVAL_MS), 1000L);
        long initialWait = longOr(config.get(POLL_BACKOFF_INITIAL_MS), 2L);
        // An interval outside its range is reported by its own validator; compared only with a valid one.
        if (interval >= MIN_POLL_INTERVAL_MS && initialWait > interval) {
            add(problems, POLL_BACKOFF_INITIAL_MS, "must not exceed " + POLL_INTERVAL_MS + " (" + interval + "), the longest wait");
        }
        planProblems(config, problems);
        String mode = config.getOrDefault(HOUSEKEEPING_MODE, "leave");
        String retention = config.getOrDefault(HOUSEKEEPING_RETENTION_MS, "0").trim();
        boolean hasRetention = !retention.isEmpty() && !retention.equals("0");
        if (isEnum(HousekeepingMode.class, mode, HousekeepingMode.MARK) && config.getOrDefault(HOUSEKEEPING_MARK_COLUMN, "").isBlank()) {
            add(problems, HOUSEKEEPING_MARK_COLUMN, "is required when " + HOUSEKEEPING_MODE + "=mark");
        }
        if (isEnum(HousekeepingMode.class, mode, HousekeepingMode.DELETE) && hasRetention
                && config.getOrDefault(COLUMN_TIMESTAMP, "").isBlank()) {
            add(problems, COLUMN_TIMESTAMP, "is required when " + HOUSEKEEPING_MODE + "=delete with " + HOUSEKEEPING_RETENTION_MS
                    + " > 0 (the age of a row is its timestamp)");
        }
        if (isEnum(HousekeepingMode.class, mode, HousekeepingMode.LEAVE) && hasRetention) {
            add(problems, HOUSEKEEPING_RETENTION_MS, "has no effect when " + HOUSEKEEPING_MODE + "=leave: set it to 0 or choose delete or mark");
        }
        String placement = config.getOrDefault(METADATA_PLACEMENT, "header");
        boolean envelope = isEnum(MetadataPlacement.class, placement, MetadataPlacement.ENVELOPE);
        List<AdditionalColumn> additional = new ArrayList<>();
        for (String entry : config.getOrDefault(COLUMN_ADDITIONAL, "").split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            try {
                additional.add(AdditionalColumn.parse(entry));
            } catch (IllegalArgumentException e) {
                // reported by the key's own validator
            }
        }
        for (AdditionalColumn column : additional) {
            if (column.placement() == MetadataPlacement.ENVELOPE && !envelope) {
                add(problems, COLUMN_ADDITIONAL, "'" + column.column() + "' is placed in the envelope but " + METADATA_PLACEMENT
                        + "=header: use :header or set " + METADATA_PLACEMENT + "=envelope");
            }
        }
        // Each column may play one role only: a shared name would publish one value under two meanings.
        Map<String, String> roleByColumn = new LinkedHashMap<>();
        for (String key : List.of(COLUMN_TRANSACTION_ID, COLUMN_EVENT_ID, COLUMN_AGGREGATE_TYPE, COLUMN_AGGREGATE_ID, COLUMN_EVENT_TYPE,
                COLUMN_PAYLOAD, COLUMN_TIMESTAMP, COLUMN_SCHEMA_VERSION, COLUMN_TRACING, HOUSEKEEPING_MARK_COLUMN)) {
            String name = config.containsKey(key) ? config.get(key) : String.valueOf(CONFIG_DEF.defaultValues().getOrDefault(key, ""));
            if (name != null && !name.isBlank()) {
                String previous = roleByColumn.putIfAbsent(name.trim(), key);
                if (previous != null) {
                    add(problems, key, "column '" + name.trim() + "' is already used by " + previous);
                }
            }
        }
        Set<String> names = new HashSet<>();
        for (AdditionalColumn column : additional) {
            if (roleByColumn.containsKey(column.column().name())) {
                add(problems, COLUMN_ADDITIONAL, "column '" + column.column() + "' is already used by " + roleByColumn.get(column.column().name()));
            }
            if (!names.add(column.placement() + ":" + column.name())) {
                add(problems, COLUMN_ADDITIONAL, "name '" + column.name() + "' is used twice");
            }
        }
        return problems;
    }

    /** The plan keys: bindings only with a plan, the event time column with one, bindings that fit the plan. */
    private static void planProblems(Map<String, String> config, Map<String, List<String>> problems) {
        boolean planSet = !config.getOrDefault(MigrationPlanConfig.PLAN, "").isBlank()
                || !config.getOrDefault(MigrationPlanConfig.PLAN_FILE, "").isBlank();
        List<String> aggregateTypes = entries(config.get(PLAN_AGGREGATE_TYPES));
        List<String> fields = entries(config.get(PLAN_FIELDS));
        if (!planSet) {
            for (String key : List.of(PLAN_AGGREGATE_TYPES, PLAN_FIELDS)) {
                if (!entries(config.get(key)).isEmpty()) {
                    add(problems, key, "has no effect without " + MigrationPlanConfig.PLAN + " or " + MigrationPlanConfig.PLAN_FILE);
                }
            }
            return;
        }
        if (config.getOrDefault(COLUMN_TIMESTAMP, "").isBlank()) {
            add(problems, COLUMN_TIMESTAMP, "is required with a migration plan: the plan is evaluated at each event's time");
        }
        if (isEnum(PublisherViolationPolicy.class, config.getOrDefault(PLAN_VIOLATION_POLICY, "violation-topic"),
                PublisherViolationPolicy.VIOLATION_TOPIC)) {
            String topic = config.getOrDefault(PLAN_VIOLATION_TOPIC, DEFAULT_VIOLATION_TOPIC).trim();
            if (!LEGAL_TOPIC.matcher(topic).matches()) {
                add(problems, PLAN_VIOLATION_TOPIC, "'" + topic + "' is not a legal topic name (letters, digits, '.', '_', '-')");
            }
        }
        MigrationPlan plan;
        try {
            AbstractConfig planKeys = new AbstractConfig(MigrationPlanConfig.define(new ConfigDef(), PLAN_GROUP), config, false);
            plan = MigrationPlanConfig.optionalFrom(planKeys).orElseThrow();
        } catch (ConfigException e) {
            return; // an invalid plan, or both keys: reported against the plan keys themselves
        }
        List<String> additionalColumns = new ArrayList<>();
        for (String entry : entries(config.get(COLUMN_ADDITIONAL))) {
            try {
                additionalColumns.add(AdditionalColumn.parse(entry).column().name());
            } catch (IllegalArgumentException e) {
                // reported by the key's own validator
            }
        }
        try {
            PlanBinding.parse(aggregateTypes, fields, plan, additionalColumns);
        } catch (PlanBinding.InvalidBinding e) {
            add(problems, e.aboutFields() ? PLAN_FIELDS : PLAN_AGGREGATE_TYPES, e.getMessage());
        }
    }

    private static List<String> entries(String list) {
        List<String> entries = new ArrayList<>();
        if (list != null) {
            for (String entry : list.split(",")) {
                if (!entry.isBlank()) {
                    entries.add(entry.trim());
                }
            }
        }
        return entries;
    }

    /** A number key's value, or {@code fallback} when it is unset or not a number (its own validator reports that). */
    private static long longOr(String value, long fallback) {
        try {
            return value == null || value.isBlank() ? fallback : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static <E extends Enum<E>> boolean isEnum(Class<E> type, String value, E expected) {
        try {
            return EnumValidator.parse(type, "", value) == expected;
        } catch (ConfigException e) {
            return false;
        }
    }

    private static void add(Map<String, List<String>> problems, String key, String message) {
        problems.computeIfAbsent(key, k -> new ArrayList<>()).add(message);
    }

    private Optional<SqlIdentifier> optionalIdentifier(String key) {
        String value = getString(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(SqlIdentifier.of(value.trim()));
    }

    /** Task configurations only: the tables this task publishes. */
    public List<TableName> taskTables() {
        return getList(TASK_TABLES).stream().map(TableName::parse).toList();
    }

    public JdbcConnectionConfig connection() {
        return JdbcConnectionConfig.from(this, "");
    }

    public List<TableName> tables() {
        return tables;
    }

    /** The column layout of {@code table} (all tables share the configured column names). */
    public OutboxTableLayout layout(TableName table) {
        return layout.forTable(table);
    }

    public TopicRouter topicRouter() {
        return topicRouter;
    }

    public PayloadFormat payloadFormat() {
        return EnumValidator.parse(PayloadFormat.class, PAYLOAD_FORMAT, getString(PAYLOAD_FORMAT));
    }

    public MetadataPlacement metadataPlacement() {
        return EnumValidator.parse(MetadataPlacement.class, METADATA_PLACEMENT, getString(METADATA_PLACEMENT));
    }

    public List<AdditionalColumn> additionalColumns() {
        return additionalColumns;
    }

    public Duration pollInterval() {
        return Duration.ofMillis(getLong(POLL_INTERVAL_MS));
    }

    public Duration pollBackoffInitial() {
        return Duration.ofMillis(getLong(POLL_BACKOFF_INITIAL_MS));
    }

    public int batchSize() {
        return getInt(POLL_BATCH_SIZE);
    }

    public Optional<SqlIdentifier> notifyChannel() {
        return optionalIdentifier(POLL_NOTIFY_CHANNEL);
    }

    public BadRowPolicy badRowPolicy() {
        return EnumValidator.parse(BadRowPolicy.class, BAD_ROW_POLICY, getString(BAD_ROW_POLICY));
    }

    public Optional<String> errorTopic() {
        String topic = getString(BAD_ROW_TOPIC);
        return topic == null || topic.isBlank() ? Optional.empty() : Optional.of(topic.trim());
    }

    /** Who publishes which event's scope, by the migration plan; empty without a plan. */
    public Optional<PublicationAuthority> publicationAuthority() {
        return publicationAuthority;
    }

    public PublisherViolationPolicy publisherViolationPolicy() {
        return EnumValidator.parse(PublisherViolationPolicy.class, PLAN_VIOLATION_POLICY, getString(PLAN_VIOLATION_POLICY));
    }

    public String violationTopic() {
        return getString(PLAN_VIOLATION_TOPIC).trim();
    }

    public HousekeepingMode housekeepingMode() {
        return EnumValidator.parse(HousekeepingMode.class, HOUSEKEEPING_MODE, getString(HOUSEKEEPING_MODE));
    }

    public Optional<SqlIdentifier> markColumn() {
        return optionalIdentifier(HOUSEKEEPING_MARK_COLUMN);
    }

    public Duration retention() {
        return Duration.ofMillis(getLong(HOUSEKEEPING_RETENTION_MS));
    }

    public Duration housekeepingInterval() {
        return Duration.ofMillis(getLong(HOUSEKEEPING_INTERVAL_MS));
    }

    /** A column name key: a valid SQL identifier; optional columns may be left empty. */
    static final class IdentifierValidator implements ConfigDef.Validator {
        private final boolean required;

        IdentifierValidator(boolean required) {
            this.required = required;
        }

        @Override
        public void ensureValid(String name, Object value) {
            String text = value == null ? "" : value.toString().trim();
            if (text.isEmpty()) {
                if (required) {
                    throw new ConfigException(name, value, "A column name is required");
                }
                return;
            }
            try {
                SqlIdentifier.of(text);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return required ? "SQL identifier" : "SQL identifier, or empty for none";
        }
    }

    static final class TableListValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            List<?> entries = value instanceof List<?> list ? list : List.of();
            if (entries.isEmpty()) {
                throw new ConfigException(name, value, "List at least one outbox table");
            }
            Set<TableName> seen = new HashSet<>();
            for (Object entry : entries) {
                TableName table;
                try {
                    table = TableName.parse(entry.toString());
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, entry, e.getMessage());
                }
                if (!seen.add(table)) {
                    throw new ConfigException(name, entry, "Table '" + table + "' is listed twice");
                }
            }
        }

        @Override
        public String toString() {
            return "table or schema.table, comma-separated";
        }
    }

    static final class AdditionalColumnsValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            List<?> entries = value instanceof List<?> list ? list : List.of();
            for (Object entry : entries) {
                try {
                    AdditionalColumn.parse(entry.toString());
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, entry, e.getMessage());
                }
            }
        }

        @Override
        public String toString() {
            return "column:header|envelope[:name], comma-separated";
        }
    }

    static final class TopicPatternValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                TopicRouter.of(value == null ? null : value.toString());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "topic name with optional " + TopicRouter.AGGREGATE_TYPE_PLACEHOLDER;
        }
    }
}
