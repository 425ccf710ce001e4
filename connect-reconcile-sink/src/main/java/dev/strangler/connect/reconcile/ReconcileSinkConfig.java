package dev.strangler.connect.reconcile;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

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
import dev.strangler.connect.core.plan.PlanFieldBinding;
import dev.strangler.connect.core.plan.Side;
import dev.strangler.connect.core.sql.SqlDialect;
import dev.strangler.connect.core.sql.SqlDialects;
import dev.strangler.connect.core.sql.SqlIdentifier;
import dev.strangler.connect.core.sql.TableName;
import dev.strangler.connect.reconcile.compare.ComparisonRules;
import dev.strangler.connect.reconcile.compare.FieldPair;
import dev.strangler.connect.reconcile.compare.FieldRuleSyntax;
import dev.strangler.connect.reconcile.evidence.MismatchRateThresholds;

/**
 * Configuration of the reconciliation sink: which store and table records are checked against, the identity
 * mapping, the comparison rules, the grace period that absorbs lag, where evidence goes, repair and state checks.
 * Parsed once into typed accessors; {@link #problems} holds the rules that span several keys so that
 * {@code Connector.validate()} reports them on the right key.
 */
public final class ReconcileSinkConfig extends AbstractConfig {

    public static final String TARGET_PREFIX = "target.";
    public static final String EVIDENCE_PREFIX = "evidence.";
    public static final String SOURCE_PREFIX = "source.";

    public static final String TARGET_TABLE = "target.table";
    public static final String MAPPING_KEY = "mapping.key";
    public static final String MAPPING_FIELDS = "mapping.fields";
    public static final String MAPPING_VERSION = "mapping.version";

    public static final String COMPARE_IGNORE = "compare.ignore.fields";
    public static final String COMPARE_TRIM = "compare.trim.strings";
    public static final String COMPARE_BLANK_IS_NULL = "compare.blank.equals.null";
    public static final String COMPARE_NULL_EQUIVALENTS = "compare.null.equivalents";
    public static final String COMPARE_IGNORE_CASE = "compare.case.insensitive.fields";
    public static final String COMPARE_ABSOLUTE = "compare.tolerance.absolute";
    public static final String COMPARE_RELATIVE = "compare.tolerance.relative";
    public static final String COMPARE_SCALE = "compare.decimal.scale";
    public static final String COMPARE_PRECISION = "compare.timestamp.precision";
    public static final String COMPARE_SKEW = "compare.timestamp.skew";
    public static final String COMPARE_ENUM = "compare.enum.equivalence";

    public static final String RECHECK_GRACE = "recheck.grace.period.ms";
    public static final String RECHECK_BATCH = "recheck.batch.size";
    public static final String LOOKUP_BATCH = "lookup.batch.size";

    public static final String SCOPE = "scope";
    public static final String PENDING_TABLE = "evidence.pending.table";
    public static final String RESULTS_TABLE = "evidence.results.table";
    public static final String MASK_FIELDS = "evidence.mask.fields";
    public static final String REPORT_TO_DLQ = "evidence.report.to.dlq";
    public static final String WARNING_RATE = "threshold.warning.rate";
    public static final String INCIDENT_RATE = "threshold.incident.rate";
    public static final String MIN_COMPARED = "threshold.min.compared";

    public static final String PLAN_ENTITY = "plan.entity";
    public static final String PLAN_RECORD_SIDE = "plan.records.from";
    public static final String PLAN_FIELDS = "plan.fields";

    public static final String REPAIR_MODE = "repair.mode";
    public static final String REPAIR_SIGNAL_TABLE = "repair.signal.table";
    public static final String REPAIR_DATA_COLLECTION = "repair.data.collection";
    public static final String REPAIR_TOPIC = "repair.topic";
    /** Producer settings of the repair topic: this prefix + any Kafka producer setting. */
    public static final String REPAIR_KAFKA_PREFIX = "repair.kafka.";
    public static final String REPAIR_BOOTSTRAP_SERVERS = REPAIR_KAFKA_PREFIX + "bootstrap.servers";

    public static final String STATE_INTERVAL = "state.check.interval.ms";
    public static final String STATE_SOURCE_TABLE = "state.source.table";
    public static final String STATE_SOURCE_COLUMNS = "state.source.columns";
    public static final String STATE_SUM_FIELDS = "state.sum.fields";
    public static final String STATE_BISECTION_FACTOR = "state.bisection.factor";
    public static final String STATE_BISECTION_THRESHOLD = "state.bisection.threshold";

    private static final String GROUP_TARGET = "Target store";
    private static final String GROUP_MAPPING = "Identity mapping";
    private static final String GROUP_COMPARE = "Comparison rules";
    private static final String GROUP_LAG = "Lag awareness";
    private static final String GROUP_EVIDENCE = "Evidence";
    private static final String GROUP_SOURCE = "Source store";
    private static final String GROUP_PLAN = "Migration plan";
    private static final String GROUP_REPAIR = "Repair";
    private static final String GROUP_STATE = "State checks";

    public static final ConfigDef CONFIG_DEF = configDef();

    private final ComparisonRules rules;

    public ReconcileSinkConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
        Map<String, List<String>> problems = problems(values());
        problems.forEach((key, messages) -> {
            throw new ConfigException(key, String.valueOf(originals().get(key)), messages.get(0));
        });
        rules = rules(this::getList, this::getBoolean);
    }

    private static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        JdbcConnectionConfig.define(def, TARGET_PREFIX, GROUP_TARGET, "the store records are checked against", "strangler-reconcile");
        int order = 10;
        def.define(TARGET_TABLE, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, tableName(), Importance.HIGH,
                "The table holding the counterparts of the records, 'table' or 'schema.table'.",
                GROUP_TARGET, ++order, Width.LONG, "Target table");

        order = 0;
        def.define(MAPPING_KEY, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, pairs(true), Importance.HIGH,
                "The business key: record fields and the target key columns holding them, 'field:column' (or 'field' "
                        + "when the column has the same name), in key order. Fields are read from the record value, "
                        + "else from the record key; a Debezium envelope is unwrapped to its 'after' state.",
                GROUP_MAPPING, ++order, Width.LONG, "Key mapping")
           .define(MAPPING_FIELDS, Type.LIST, "", pairs(false), Importance.HIGH,
                "Compared fields, 'field:column' or 'field'. Empty: every record field that has a column of the same "
                        + "name (case-insensitive) in the target table, except key and ignored fields.",
                GROUP_MAPPING, ++order, Width.LONG, "Compared fields")
           .define(MAPPING_VERSION, Type.STRING, "", version(), Importance.MEDIUM,
                "Optional 'field:column' of a version counter or modification time. A record older than its "
                        + "counterpart is skipped instead of reported, so replaying a topic raises no false findings.",
                GROUP_MAPPING, ++order, Width.MEDIUM, "Version field");

        order = 0;
        def.define(COMPARE_IGNORE, Type.LIST, "", Importance.MEDIUM,
                "Record fields never compared (audit columns, surrogate ids).", GROUP_COMPARE, ++order, Width.LONG, "Ignored fields")
           .define(COMPARE_TRIM, Type.BOOLEAN, true, Importance.LOW,
                "Strip leading and trailing white space of strings on both sides (fixed-width CHAR columns pad).",
                GROUP_COMPARE, ++order, Width.SHORT, "Trim strings")
           .define(COMPARE_BLANK_IS_NULL, Type.BOOLEAN, true, Importance.LOW,
                "Treat an empty or blank string as equal to null (Oracle stores '' as NULL).",
                GROUP_COMPARE, ++order, Width.SHORT, "Blank equals null")
           .define(COMPARE_NULL_EQUIVALENTS, Type.LIST, "", Importance.LOW,
                "String values that mean null on either side, e.g. 'N/A,-'.", GROUP_COMPARE, ++order, Width.MEDIUM, "Null equivalents")
           .define(COMPARE_IGNORE_CASE, Type.LIST, "", Importance.LOW,
                "Fields whose strings compare case-insensitively.", GROUP_COMPARE, ++order, Width.LONG, "Case-insensitive fields")
           .define(COMPARE_ABSOLUTE, Type.LIST, "", rule("amount", FieldRuleSyntax::nonNegativeDecimal), Importance.MEDIUM,
                "Absolute numeric tolerances, 'field:amount', e.g. 'premium:0.01': numbers at most that far apart are equal.",
                GROUP_COMPARE, ++order, Width.LONG, "Absolute tolerances")
           .define(COMPARE_RELATIVE, Type.LIST, "", rule("fraction", FieldRuleSyntax::nonNegativeDecimal), Importance.MEDIUM,
                "Relative numeric tolerances, 'field:fraction' of the larger magnitude, e.g. 'rate:0.0001'.",
                GROUP_COMPARE, ++order, Width.LONG, "Relative tolerances")
           .define(COMPARE_SCALE, Type.LIST, "", rule("scale", FieldRuleSyntax::scale), Importance.MEDIUM,
                "Decimal scale alignment, 'field:scale': both numbers are rounded half-even to the scale before they are "
                        + "compared (a double 10.004999 and NUMERIC(12,2) 10.00 agree at scale 2). Without it, 1.50 and 1.5 "
                        + "already agree.",
                GROUP_COMPARE, ++order, Width.LONG, "Decimal scales")
           .define(COMPARE_PRECISION, Type.LIST, "", rule("seconds|millis|micros", FieldRuleSyntax::precision), Importance.MEDIUM,
                "Timestamp precision, 'field:seconds|millis|micros': both timestamps are truncated to it before they are compared.",
                GROUP_COMPARE, ++order, Width.LONG, "Timestamp precisions")
           .define(COMPARE_SKEW, Type.LIST, "", rule("duration", FieldRuleSyntax::duration), Importance.MEDIUM,
                "Timestamp skew, 'field:duration' (ISO-8601 like PT2S, or milliseconds): timestamps at most that far apart are equal.",
                GROUP_COMPARE, ++order, Width.LONG, "Timestamp skews")
           .define(COMPARE_ENUM, Type.LIST, "", rule("codes", FieldRuleSyntax::enumCodes), Importance.MEDIUM,
                "Enum equivalence, 'field:sourceCode=targetCode|...', e.g. 'status:A=ACTIVE|I=INACTIVE'. Unlisted codes compare as they are.",
                GROUP_COMPARE, ++order, Width.LONG, "Enum equivalences");

        order = 0;
        def.define(RECHECK_GRACE, Type.LONG, 60_000L, ConfigDef.Range.atLeast(0), Importance.HIGH,
                "How long a difference stays pending before it is looked up again and, if it persists, confirmed. Set it "
                        + "above the pipeline's normal lag (p99 end-to-end latency).",
                GROUP_LAG, ++order, Width.SHORT, "Grace period (ms)")
           .define(RECHECK_BATCH, Type.INT, 500, ConfigDef.Range.between(1, 10_000), Importance.LOW,
                "How many due pending findings one re-check round claims and looks up together.",
                GROUP_LAG, ++order, Width.SHORT, "Re-check batch size")
           .define(LOOKUP_BATCH, Type.INT, 500, ConfigDef.Range.between(1, 1000), Importance.LOW,
                "How many keys one lookup statement carries (Oracle accepts at most 1000 IN-list entries).",
                GROUP_LAG, ++order, Width.SHORT, "Keys per lookup");

        order = 0;
        def.define(SCOPE, Type.STRING, "", Importance.MEDIUM,
                "The migration scope this connector reconciles, as named in the migration plan; written into every "
                        + "finding. Default: the target table name.",
                GROUP_EVIDENCE, ++order, Width.MEDIUM, "Scope")
           .define(PENDING_TABLE, Type.STRING, "reconcile_pending", tableName(), Importance.MEDIUM,
                "Table of pending findings in the evidence database; created when missing. It keeps pending state across "
                        + "task restarts.",
                GROUP_EVIDENCE, ++order, Width.MEDIUM, "Pending table")
           .define(RESULTS_TABLE, Type.STRING, "reconcile_finding", tableName(), Importance.MEDIUM,
                "Table of confirmed findings (run id, scope, rule, both versions, times) in the evidence database; created when missing.",
                GROUP_EVIDENCE, ++order, Width.MEDIUM, "Results table")
           .define(MASK_FIELDS, Type.LIST, "", Importance.MEDIUM,
                "Record fields whose values are replaced by '****' in evidence (results table and mismatch topic); the "
                        + "field names and the fact that they differ are kept.",
                GROUP_EVIDENCE, ++order, Width.LONG, "Masked fields")
           .define(REPORT_TO_DLQ, Type.BOOLEAN, true, Importance.MEDIUM,
                "Also send each confirmed finding to the connector's dead-letter topic (errors.deadletterqueue.topic.name, "
                        + "with errors.tolerance=all), which serves as the mismatch topic.",
                GROUP_EVIDENCE, ++order, Width.SHORT, "Report to mismatch topic")
           .define(WARNING_RATE, Type.DOUBLE, 0.001, ConfigDef.Range.between(0.0, 1.0), Importance.MEDIUM,
                "Confirmed findings per compared record at which the health level becomes 'warning'.",
                GROUP_EVIDENCE, ++order, Width.SHORT, "Warning rate")
           .define(INCIDENT_RATE, Type.DOUBLE, 0.01, ConfigDef.Range.between(0.0, 1.0), Importance.MEDIUM,
                "Confirmed findings per compared record at which the health level becomes 'incident'.",
                GROUP_EVIDENCE, ++order, Width.SHORT, "Incident rate")
           .define(MIN_COMPARED, Type.LONG, 100L, ConfigDef.Range.atLeast(1), Importance.LOW,
                "Records to compare before the mismatch rate is classified at all.",
                GROUP_EVIDENCE, ++order, Width.SHORT, "Minimum sample");
        JdbcConnectionConfig.defineOptional(def, EVIDENCE_PREFIX, GROUP_EVIDENCE, "the evidence database (PostgreSQL)",
                "strangler-reconcile", "Unset: the target store holds the evidence tables.");

        MigrationPlanConfig.define(def, GROUP_PLAN);
        def.define(PLAN_ENTITY, Type.STRING, "", Importance.MEDIUM,
                "The plan entity the records are about (e.g. 'endorsement'); required with a plan. Each finding is filed "
                        + "under the plan scope the record belongs to at its event time, with that scope's system of record, "
                        + "phase and conflict rule.",
                GROUP_PLAN, 3, Width.MEDIUM, "Plan entity")
           .define(PLAN_RECORD_SIDE, Type.STRING, EnumValidator.configValue(Side.LEGACY), EnumValidator.of(Side.class),
                Importance.MEDIUM, "Which system the records come from ('legacy' for ACL-translated CDC, 'service' for the "
                        + "service's events); the target store is the other. With a plan, a repair is requested only when "
                        + "the scope's conflict rule makes this side win.",
                GROUP_PLAN, 4, Width.SHORT, "Records come from", EnumValidator.of(Side.class))
           .define(PLAN_FIELDS, Type.LIST, "", Importance.MEDIUM,
                "Which record field holds each plan field the records do not spell like the plan, as entity.field=recordField "
                        + "entries, e.g. endorsement.product_line=productLine (the record's fields after the connector's "
                        + "transforms). Plan fields without an entry are read under their own name. State findings, read from the "
                        + "source table, use the same names (the record field names, see state.source.columns).",
                GROUP_PLAN, 5, Width.LONG, "Plan fields");

        JdbcConnectionConfig.defineOptional(def, SOURCE_PREFIX, GROUP_SOURCE, "the source system's database",
                "strangler-reconcile", "Needed only for state checks and Debezium signal repair.");

        order = 0;
        def.define(REPAIR_MODE, Type.STRING, EnumValidator.configValue(RepairMode.NONE), EnumValidator.of(RepairMode.class),
                Importance.MEDIUM, "What to do with confirmed findings (of the stream and of state checks) besides recording "
                        + "them: 'none'; 'debezium-signal' to insert an incremental-snapshot signal for their keys into the "
                        + "source's signal table; or 'topic' to send one repair request record per finding to repair.topic "
                        + "(key: the row key; value: JSON with run_id, scope, check_level, kind, rule, row_key, key, "
                        + "differing_fields, key_range, first_seen, confirmed_at; headers reconcile.run.id, reconcile.scope, "
                        + "reconcile.kind, reconcile.rule, reconcile.check.level). With a migration plan, only findings whose "
                        + "scope's conflict rule makes the records' side win are repaired.",
                GROUP_REPAIR, ++order, Width.MEDIUM, "Repair mode", EnumValidator.of(RepairMode.class))
           .define(REPAIR_SIGNAL_TABLE, Type.STRING, "", optionalTableName(), Importance.MEDIUM,
                "Debezium's signal table in the source database (signal.data.collection of the source connector).",
                GROUP_REPAIR, ++order, Width.MEDIUM, "Signal table")
           .define(REPAIR_DATA_COLLECTION, Type.STRING, "", optionalTableName(), Importance.MEDIUM,
                "The source table to re-snapshot, as Debezium names it ('schema.table'); the key columns are the key "
                        + "fields of mapping.key. Default: state.source.table.",
                GROUP_REPAIR, ++order, Width.MEDIUM, "Data collection")
           .define(REPAIR_TOPIC, Type.STRING, "", Importance.MEDIUM,
                "The topic repair requests are sent to when repair.mode is 'topic'.",
                GROUP_REPAIR, ++order, Width.MEDIUM, "Repair topic")
           .define(REPAIR_BOOTSTRAP_SERVERS, Type.STRING, "", Importance.MEDIUM,
                "The Kafka cluster of repair.topic, 'host:port,...' (required when repair.mode is 'topic'). Other producer "
                        + "settings are passed with the same prefix, e.g. repair.kafka.security.protocol; give secrets "
                        + "through a config provider (${file:...}), as they are not masked otherwise.",
                GROUP_REPAIR, ++order, Width.LONG, "Repair topic's Kafka");

        order = 0;
        def.define(STATE_INTERVAL, Type.LONG, 0L, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
                "Period of the state-level check comparing the source table with the target table by key-range "
                        + "checksums with bisection; 0 disables it. Runs in task 0 on its own thread. A single numeric target "
                        + "key column is split into key ranges; any other key (text, uuid, several columns) into buckets of "
                        + "the first 32 bits of the MD5 of the key's text (columns joined by '|').",
                GROUP_STATE, ++order, Width.SHORT, "Interval (ms)")
           .define(STATE_SOURCE_TABLE, Type.STRING, "", optionalTableName(), Importance.MEDIUM,
                "The source table of the state check; its columns are the record field names of mapping.key and mapping.fields, "
                        + "unless state.source.columns names them otherwise.",
                GROUP_STATE, ++order, Width.MEDIUM, "Source table")
           .define(STATE_SOURCE_COLUMNS, Type.LIST, "", Importance.LOW,
                "Source columns not named like the record fields they hold, as field:column entries over the fields of "
                        + "mapping.key and mapping.fields, e.g. policyId:pol_id,holder:holder_nm (no view needed only to "
                        + "rename). Used by state checks and, for the key, by the debezium-signal repair's conditions.",
                GROUP_STATE, ++order, Width.LONG, "Source columns")
           .define(STATE_SUM_FIELDS, Type.LIST, "", Importance.LOW,
                "Numeric fields of mapping.fields whose sums are compared per key range besides the count and the row "
                        + "hashes; the totals of each run (counts and sums of both tables) are logged.",
                GROUP_STATE, ++order, Width.LONG, "Summed fields")
           .define(STATE_BISECTION_FACTOR, Type.INT, 32, ConfigDef.Range.between(2, 1024), Importance.LOW,
                "Into how many sub-ranges a range whose checksums differ is split. All sub-ranges of a range are "
                        + "checksummed in one read of it, so a wider split costs little more per level and saves levels: "
                        + "each level re-reads the rows of the ranges that differ.",
                GROUP_STATE, ++order, Width.SHORT, "Bisection factor")
           .define(STATE_BISECTION_THRESHOLD, Type.INT, 256, ConfigDef.Range.between(1, 100_000), Importance.LOW,
                "A differing range with at most this many rows is compared row by row instead of split further.",
                GROUP_STATE, ++order, Width.SHORT, "Bisection threshold");
        return def;
    }

    // ---------------------------------------------------------------------------------------------- cross-field rules

    /**
     * Problems that involve several keys, by the key a user must change. {@code values} are parsed values, as
     * {@code AbstractConfig.values()} or the {@code ConfigValue}s of a validation hold them (null where a key was invalid).
     */
    public static Map<String, List<String>> problems(Map<String, ?> values) {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        Object warning = values.get(WARNING_RATE);
        Object incident = values.get(INCIDENT_RATE);
        if (warning instanceof Double w && incident instanceof Double i && w > i) {
            add(problems, WARNING_RATE, "The warning rate " + w + " is above the incident rate " + i);
        }
        String evidenceUrl = text(values.get(EVIDENCE_PREFIX + JdbcConnectionConfig.URL));
        String evidenceKey = EVIDENCE_PREFIX + JdbcConnectionConfig.URL;
        if (evidenceUrl.isEmpty()) {
            evidenceUrl = text(values.get(TARGET_PREFIX + JdbcConnectionConfig.URL));
            evidenceKey = TARGET_PREFIX + JdbcConnectionConfig.URL;
        }
        if (!evidenceUrl.isEmpty() && !evidenceUrl.startsWith("jdbc:postgresql:")) {
            add(problems, evidenceKey, "The evidence tables need PostgreSQL: set evidence.connection.url to a PostgreSQL database");
        }
        boolean hasPlan = !text(values.get(MigrationPlanConfig.PLAN)).isEmpty() || !text(values.get(MigrationPlanConfig.PLAN_FILE)).isEmpty();
        String entity = text(values.get(PLAN_ENTITY));
        if (hasPlan && entity.isEmpty()) {
            add(problems, PLAN_ENTITY, "Required with a migration plan: the plan entity the records are about");
        }
        List<String> planFieldEntries = strings(values.get(PLAN_FIELDS));
        if (!hasPlan && !planFieldEntries.isEmpty()) {
            add(problems, PLAN_FIELDS, "Has no effect without " + MigrationPlanConfig.PLAN + " or " + MigrationPlanConfig.PLAN_FILE);
        }
        if (!entity.isEmpty() && hasPlan) {
            // An invalid plan (or both plan keys) is reported on the plan keys by their own validators.
            Optional<MigrationPlan> plan = MigrationPlanConfig.planForValidation(objects(values));
            if (plan.isPresent() && !plan.get().hasEntity(entity)) {
                add(problems, PLAN_ENTITY, "'" + entity + "' is not an entity of the plan (entities: "
                        + String.join(", ", plan.get().entities().keySet()) + ")");
            } else if (plan.isPresent()) {
                try {
                    PlanFieldBinding.parse(planFieldEntries, plan.get(), Set.of(entity));
                } catch (IllegalArgumentException e) {
                    add(problems, PLAN_FIELDS, e.getMessage());
                }
            }
        }
        List<?> keyEntries = values.get(MAPPING_KEY) instanceof List<?> l ? l : List.of();
        List<?> fieldEntries = values.get(MAPPING_FIELDS) instanceof List<?> l ? l : List.of();
        boolean sourceConnected = !text(values.get(SOURCE_PREFIX + JdbcConnectionConfig.URL)).isEmpty();
        Object repair = values.get(REPAIR_MODE);
        if (repair != null && EnumValidator.parse(RepairMode.class, REPAIR_MODE, repair.toString()) == RepairMode.DEBEZIUM_SIGNAL) {
            if (text(values.get(REPAIR_SIGNAL_TABLE)).isEmpty()) {
                add(problems, REPAIR_SIGNAL_TABLE, "Required when repair.mode is debezium-signal");
            }
            if (text(values.get(REPAIR_DATA_COLLECTION)).isEmpty() && text(values.get(STATE_SOURCE_TABLE)).isEmpty()) {
                add(problems, REPAIR_DATA_COLLECTION, "Required when repair.mode is debezium-signal (or set state.source.table)");
            }
            if (!sourceConnected) {
                add(problems, SOURCE_PREFIX + JdbcConnectionConfig.URL, "Required when repair.mode is debezium-signal: the signal table is in the source database");
            }
        }
        if (repair != null && EnumValidator.parse(RepairMode.class, REPAIR_MODE, repair.toString()) == RepairMode.TOPIC) {
            String topic = text(values.get(REPAIR_TOPIC));
            if (topic.isEmpty()) {
                add(problems, REPAIR_TOPIC, "Required when repair.mode is topic");
            } else if (!topic.matches("[a-zA-Z0-9._-]{1,249}") || topic.equals(".") || topic.equals("..")) {
                add(problems, REPAIR_TOPIC, "'" + topic + "' is not a valid topic name (letters, digits, '.', '_', '-'; at most 249)");
            }
            if (text(values.get(REPAIR_BOOTSTRAP_SERVERS)).isEmpty()) {
                add(problems, REPAIR_BOOTSTRAP_SERVERS, "Required when repair.mode is topic: the Kafka cluster of repair.topic");
            }
        }
        boolean signalRepair = repair != null
                && EnumValidator.parse(RepairMode.class, REPAIR_MODE, repair.toString()) == RepairMode.DEBEZIUM_SIGNAL;
        Object interval = values.get(STATE_INTERVAL);
        boolean stateChecks = interval instanceof Long l && l > 0;
        Map<String, String> sourceColumns = new LinkedHashMap<>();
        for (String entry : strings(values.get(STATE_SOURCE_COLUMNS))) {
            String[] parts = entry.split(":", -1);
            String field = parts[0].trim();
            String column = parts.length == 2 ? parts[1].trim() : "";
            if (field.isEmpty() || column.isEmpty()) {
                add(problems, STATE_SOURCE_COLUMNS, "'" + entry.trim() + "' must be field:column");
            } else if (!SqlIdentifier.isValid(column)) {
                add(problems, STATE_SOURCE_COLUMNS, "'" + column + "' is not a valid SQL identifier");
            } else if (!fieldOf(keyEntries, field) && !fieldOf(fieldEntries, field)) {
                add(problems, STATE_SOURCE_COLUMNS, "Field '" + field + "' is not a field of " + MAPPING_KEY + " or " + MAPPING_FIELDS);
            } else if (sourceColumns.putIfAbsent(field, column) != null) {
                add(problems, STATE_SOURCE_COLUMNS, "Field '" + field + "' is mapped twice");
            }
        }
        if (!sourceColumns.isEmpty() && !signalRepair && !stateChecks) {
            add(problems, STATE_SOURCE_COLUMNS, "Has no effect without state checks (state.check.interval.ms) or repair.mode=debezium-signal");
        }
        if (signalRepair || stateChecks) {
            // Unmapped record field names are also source column names, so they must be identifiers too.
            for (Object entry : keyEntries) {
                checkSourceColumn(problems, MAPPING_KEY, entry.toString(), sourceColumns);
            }
            if (stateChecks) {
                for (Object entry : fieldEntries) {
                    checkSourceColumn(problems, MAPPING_FIELDS, entry.toString(), sourceColumns);
                }
            }
        }
        if (stateChecks) {
            if (text(values.get(STATE_SOURCE_TABLE)).isEmpty()) {
                add(problems, STATE_SOURCE_TABLE, "Required when state.check.interval.ms is above 0");
            }
            if (!sourceConnected) {
                add(problems, SOURCE_PREFIX + JdbcConnectionConfig.URL, "Required when state.check.interval.ms is above 0");
            } else if (!text(values.get(SOURCE_PREFIX + JdbcConnectionConfig.URL)).startsWith("jdbc:postgresql:")) {
                add(problems, SOURCE_PREFIX + JdbcConnectionConfig.URL, "State checks support PostgreSQL sources only");
            }
            String targetUrl = text(values.get(TARGET_PREFIX + JdbcConnectionConfig.URL));
            if (!targetUrl.isEmpty() && !targetUrl.startsWith("jdbc:postgresql:")) {
                add(problems, TARGET_PREFIX + JdbcConnectionConfig.URL, "State checks support PostgreSQL targets only");
            }
            if (fieldEntries.isEmpty()) {
                add(problems, MAPPING_FIELDS, "State checks hash the listed columns of both tables: list the compared fields explicitly");
            }
            Set<String> compared = new HashSet<>();
            fieldEntries.forEach(e -> compared.add(e.toString().split(":", -1)[0].trim()));
            List<?> sumEntries = values.get(STATE_SUM_FIELDS) instanceof List<?> l ? l : List.of();
            for (Object sum : sumEntries) {
                if (!compared.contains(sum.toString().trim())) {
                    add(problems, STATE_SUM_FIELDS, "Field '" + sum + "' is not one of the compared fields of " + MAPPING_FIELDS);
                }
            }
        }
        return problems;
    }

    private static void checkSourceColumn(Map<String, List<String>> problems, String key, String entry,
                                          Map<String, String> sourceColumns) {
        String field = entry.split(":", -1)[0].trim();
        if (!sourceColumns.containsKey(field) && !SqlIdentifier.isValid(field)) {
            add(problems, key, "Field '" + field + "' is also a source column for state checks and repair signals, "
                    + "so it must be a valid SQL identifier (or name its column in " + STATE_SOURCE_COLUMNS + ")");
        }
    }

    private static boolean fieldOf(List<?> pairEntries, String field) {
        return pairEntries.stream().anyMatch(e -> e.toString().split(":", -1)[0].trim().equals(field));
    }

    private static void add(Map<String, List<String>> problems, String key, String message) {
        problems.computeIfAbsent(key, k -> new ArrayList<>()).add(message);
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString().trim();
    }

    private static List<String> strings(Object list) {
        List<String> strings = new ArrayList<>();
        if (list instanceof List<?> entries) {
            entries.forEach(e -> strings.add(e.toString()));
        }
        return strings;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> objects(Map<String, ?> values) {
        return (Map<String, Object>) values;
    }

    // ----------------------------------------------------------------------------------------------------- validators

    private static ConfigDef.Validator tableName() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            if (value != null) {
                try {
                    TableName.parse(value.toString());
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, value, e.getMessage());
                }
            }
        }, () -> "'table' or 'schema.table'");
    }

    private static ConfigDef.Validator optionalTableName() {
        ConfigDef.Validator table = tableName();
        return ConfigDef.LambdaValidator.with((name, value) -> {
            if (value != null && !value.toString().isBlank()) {
                table.ensureValid(name, value);
            }
        }, () -> "empty, 'table' or 'schema.table'");
    }

    private static ConfigDef.Validator pairs(boolean required) {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            List<?> entries = (List<?>) value;
            if (required && (entries == null || entries.isEmpty())) {
                throw new ConfigException(name, value, "List at least one key field");
            }
            if (entries != null) {
                try {
                    parsePairs(entries.stream().map(Object::toString).toList());
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, value, e.getMessage());
                }
            }
        }, () -> "'field:column' or 'field' entries; columns are SQL identifiers");
    }

    private static ConfigDef.Validator version() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            if (value != null && !value.toString().isBlank()) {
                try {
                    parsePairs(List.of(value.toString()));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, value, e.getMessage());
                }
            }
        }, () -> "empty or 'field:column'");
    }

    private static <T> ConfigDef.Validator rule(String valueName, Function<String, T> parser) {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            try {
                FieldRuleSyntax.perField(((List<?>) value).stream().map(Object::toString).toList(), valueName, parser);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }, () -> "'field:" + valueName + "' entries");
    }

    /** {@code field:column} or {@code field} entries; the column must be a valid SQL identifier. */
    static List<FieldPair> parsePairs(List<String> entries) {
        List<FieldPair> pairs = new ArrayList<>();
        Set<String> fields = new HashSet<>();
        for (String entry : entries) {
            String[] parts = entry.split(":", -1);
            if (parts.length > 2 || parts[0].isBlank() || (parts.length == 2 && parts[1].isBlank())) {
                throw new IllegalArgumentException("entry '" + entry + "' is not 'field:column' or 'field'");
            }
            String field = parts[0].trim();
            String column = parts.length == 2 ? parts[1].trim() : field;
            if (!SqlIdentifier.isValid(column)) {
                throw new IllegalArgumentException("entry '" + entry + "': '" + column + "' is not a valid SQL identifier");
            }
            if (!fields.add(field)) {
                throw new IllegalArgumentException("field '" + field + "' appears twice");
            }
            pairs.add(new FieldPair(field, column));
        }
        return pairs;
    }

    // ------------------------------------------------------------------------------------------------- typed access

    private static ComparisonRules rules(Function<String, List<String>> list, Function<String, Boolean> bool) {
        return ComparisonRules.builder()
                .ignore(Set.copyOf(list.apply(COMPARE_IGNORE)))
                .trim(bool.apply(COMPARE_TRIM))
                .blankIsNull(bool.apply(COMPARE_BLANK_IS_NULL))
                .nullEquivalents(Set.copyOf(list.apply(COMPARE_NULL_EQUIVALENTS)))
                .ignoreCase(Set.copyOf(list.apply(COMPARE_IGNORE_CASE)))
                .absoluteTolerance(FieldRuleSyntax.<BigDecimal>perField(list.apply(COMPARE_ABSOLUTE), "amount", FieldRuleSyntax::nonNegativeDecimal))
                .relativeTolerance(FieldRuleSyntax.<BigDecimal>perField(list.apply(COMPARE_RELATIVE), "fraction", FieldRuleSyntax::nonNegativeDecimal))
                .decimalScale(FieldRuleSyntax.perField(list.apply(COMPARE_SCALE), "scale", FieldRuleSyntax::scale))
                .precision(FieldRuleSyntax.perField(list.apply(COMPARE_PRECISION), "precision", FieldRuleSyntax::precision))
                .skew(FieldRuleSyntax.perField(list.apply(COMPARE_SKEW), "duration", FieldRuleSyntax::duration))
                .enumEquivalence(FieldRuleSyntax.perField(list.apply(COMPARE_ENUM), "codes", FieldRuleSyntax::enumCodes))
                .build();
    }

    public ComparisonRules comparisonRules() {
        return rules;
    }

    public JdbcConnectionConfig targetConnection() {
        return JdbcConnectionConfig.from(this, TARGET_PREFIX);
    }

    public SqlDialect targetDialect() {
        return targetConnection().dialect();
    }

    /** The evidence database: its own connection when configured, else the target store. */
    public JdbcConnectionConfig evidenceConnection() {
        return JdbcConnectionConfig.isSet(this, EVIDENCE_PREFIX)
                ? JdbcConnectionConfig.from(this, EVIDENCE_PREFIX) : targetConnection();
    }

    public Optional<JdbcConnectionConfig> sourceConnection() {
        return JdbcConnectionConfig.isSet(this, SOURCE_PREFIX)
                ? Optional.of(JdbcConnectionConfig.from(this, SOURCE_PREFIX)) : Optional.empty();
    }

    public TableName targetTable() {
        return TableName.parse(getString(TARGET_TABLE));
    }

    public List<FieldPair> keyPairs() {
        return parsePairs(getList(MAPPING_KEY));
    }

    public List<FieldPair> comparedPairs() {
        return parsePairs(getList(MAPPING_FIELDS));
    }

    /** The source column holding record field {@code field}: its {@code state.source.columns} entry, else the field's name. */
    public SqlIdentifier sourceColumn(String field) {
        for (String entry : getList(STATE_SOURCE_COLUMNS)) {
            String[] parts = entry.split(":", -1);
            if (parts[0].trim().equals(field)) {
                return SqlIdentifier.of(parts[1].trim());
            }
        }
        return SqlIdentifier.of(field);
    }

    public Optional<FieldPair> versionPair() {
        String value = getString(MAPPING_VERSION);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(parsePairs(List.of(value)).get(0));
    }

    public Set<String> maskedFields() {
        return Set.copyOf(getList(MASK_FIELDS));
    }

    public Set<String> ignoredFields() {
        return Set.copyOf(getList(COMPARE_IGNORE));
    }

    public Duration gracePeriod() {
        return Duration.ofMillis(getLong(RECHECK_GRACE));
    }

    public int recheckBatchSize() {
        return getInt(RECHECK_BATCH);
    }

    public int lookupBatchSize() {
        return getInt(LOOKUP_BATCH);
    }

    public String scope() {
        String scope = getString(SCOPE);
        return scope == null || scope.isBlank() ? targetTable().toString() : scope.trim();
    }

    public TableName pendingTable() {
        return TableName.parse(getString(PENDING_TABLE));
    }

    public TableName resultsTable() {
        return TableName.parse(getString(RESULTS_TABLE));
    }

    public boolean reportToDlq() {
        return getBoolean(REPORT_TO_DLQ);
    }

    public MismatchRateThresholds thresholds() {
        return new MismatchRateThresholds(getDouble(WARNING_RATE), getDouble(INCIDENT_RATE), getLong(MIN_COMPARED));
    }

    public RepairMode repairMode() {
        return EnumValidator.parse(RepairMode.class, REPAIR_MODE, getString(REPAIR_MODE));
    }

    public TableName signalTable() {
        return TableName.parse(getString(REPAIR_SIGNAL_TABLE));
    }

    public String repairTopic() {
        return getString(REPAIR_TOPIC).trim();
    }

    /** The repair topic's producer settings, without the prefix (secrets resolved by the worker's config providers). */
    public Map<String, Object> repairProducerSettings() {
        return originalsWithPrefix(REPAIR_KAFKA_PREFIX);
    }

    public String dataCollection() {
        String collection = getString(REPAIR_DATA_COLLECTION);
        return collection == null || collection.isBlank() ? getString(STATE_SOURCE_TABLE).trim() : collection.trim();
    }

    public Optional<Duration> stateCheckInterval() {
        long millis = getLong(STATE_INTERVAL);
        return millis > 0 ? Optional.of(Duration.ofMillis(millis)) : Optional.empty();
    }

    public TableName stateSourceTable() {
        return TableName.parse(getString(STATE_SOURCE_TABLE));
    }

    public List<String> stateSumFields() {
        return getList(STATE_SUM_FIELDS).stream().map(String::trim).toList();
    }

    public int bisectionFactor() {
        return getInt(STATE_BISECTION_FACTOR);
    }

    public int bisectionThreshold() {
        return getInt(STATE_BISECTION_THRESHOLD);
    }

    /** The migration plan, when the connector has one. */
    public Optional<MigrationPlan> migrationPlan() {
        return MigrationPlanConfig.optionalFrom(this);
    }

    public String planEntity() {
        return getString(PLAN_ENTITY).trim();
    }

    /** Where the plan's fields are found in the records (identity without a plan). */
    public PlanFieldBinding planFields() {
        return migrationPlan().map(plan -> PlanFieldBinding.parse(getList(PLAN_FIELDS), plan, Set.of(planEntity())))
                .orElse(PlanFieldBinding.identity());
    }

    public Side recordSide() {
        return EnumValidator.parse(Side.class, PLAN_RECORD_SIDE, getString(PLAN_RECORD_SIDE));
    }

    /** The source database's dialect, for the signal filter and state-check SQL. */
    public Optional<SqlDialect> sourceDialect() {
        return sourceConnection().map(c -> SqlDialects.fromJdbcUrl(c.url()));
    }
}
