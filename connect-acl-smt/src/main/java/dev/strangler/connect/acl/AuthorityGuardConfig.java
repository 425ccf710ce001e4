package dev.strangler.connect.acl;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import dev.strangler.connect.acl.guard.GuardedTables;
import dev.strangler.connect.acl.quarantine.QuarantineConfig;
import dev.strangler.connect.core.origin.OriginMarker;
import dev.strangler.connect.core.origin.OriginMarkerConfig;
import dev.strangler.connect.core.plan.MigrationPlan;
import dev.strangler.connect.core.plan.MigrationPlanConfig;

/**
 * Configuration of the {@link AuthorityGuard}: the migration plan, the origin marker shared with the legacy sink,
 * which legacy tables hold which plan entity, and where violations go; events it cannot judge are quarantined like in every ACL transform
 * ({@code quarantine.*}). Parsed once into
 * typed values. The table and column bindings are checked against the plan twice: by this constructor (a table bound
 * to an entity the plan does not know fails {@code configure} naming {@value #TABLES}), and already in Connect's
 * {@code config/validate} answer, through the keys' {@link PlanBindingCheck} recommenders.
 */
public final class AuthorityGuardConfig extends AbstractConfig {

    public static final String TABLES = "guard.tables";
    public static final String COLUMNS = "guard.columns";
    public static final String VIOLATION_TOPIC = "guard.violation.topic";

    public static final String DEFAULT_VIOLATION_TOPIC = "strangler.authority.violations";

    private static final String GROUP_PLAN = "Migration plan";
    private static final String GROUP_ORIGIN = "Origin marker";
    private static final String GROUP_GUARD = "Guard";

    private static final EntriesValidator TABLES_SHAPE = new EntriesValidator("[schema.]table=entity", true);
    private static final EntriesValidator COLUMNS_SHAPE = new EntriesValidator("entity.field=column", false);

    public static final ConfigDef CONFIG_DEF = configDef();

    private final MigrationPlan plan;
    private final OriginMarker originMarker;
    private final GuardedTables tables;

    public AuthorityGuardConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals);
        this.plan = MigrationPlanConfig.from(this);
        this.originMarker = OriginMarkerConfig.from(this);
        Map<String, Map<String, String>> columns;
        try {
            columns = GuardedTables.parseColumns(getList(COLUMNS), plan);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(COLUMNS, getList(COLUMNS), e.getMessage());
        }
        try {
            this.tables = GuardedTables.parse(getList(TABLES), columns, plan);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(TABLES, getList(TABLES), e.getMessage());
        }
    }

    private static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        MigrationPlanConfig.define(def, GROUP_PLAN);
        OriginMarkerConfig.define(def, GROUP_ORIGIN);
        QuarantineConfig.define(def);
        int order = 0;
        return def
                .define(TABLES, ConfigDef.Type.LIST, ConfigDef.NO_DEFAULT_VALUE, TABLES_SHAPE,
                        ConfigDef.Importance.HIGH,
                        "The legacy tables the guard judges, each as [schema.]table=entity with an entity of the migration "
                                + "plan, e.g. public.endorsement=endorsement. Changes of other tables pass unjudged "
                                + "(own writes, recognised by the origin marker, are dropped from every table). "
                                + "Checked against the plan during config/validate: an entity the plan does not declare is an error.",
                        GROUP_GUARD, ++order, ConfigDef.Width.LONG, "Guarded tables", List.of(),
                        new PlanBindingCheck(TABLES_SHAPE, (entries, plan) -> GuardedTables.parse(entries, Map.of(), plan)))
                .define(COLUMNS, ConfigDef.Type.LIST, "", COLUMNS_SHAPE,
                        ConfigDef.Importance.MEDIUM,
                        "Where a plan field lives when its legacy column has another name, as entity.field=column, e.g. "
                                + "endorsement.product_line=prod_line_cd. Other fields are read from the column of the "
                                + "same name. Values are compared as the legacy table holds them (CHAR padding ignored). "
                                + "Checked against the plan during config/validate: the entity and field must be declared there.",
                        GROUP_GUARD, ++order, ConfigDef.Width.LONG, "Field columns", List.of(),
                        new PlanBindingCheck(COLUMNS_SHAPE, GuardedTables::parseColumns))
                .define(VIOLATION_TOPIC, ConfigDef.Type.STRING, DEFAULT_VIOLATION_TOPIC, new TopicNameValidator(),
                        ConfigDef.Importance.HIGH,
                        "Topic that receives legacy changes to scopes legacy no longer has write authority over "
                                + "(authority violations), unchanged, with headers naming scope, phase, reason, table "
                                + "and transaction. They are not propagated further down the ACL.",
                        GROUP_GUARD, ++order, ConfigDef.Width.LONG, "Violation topic");
    }

    public MigrationPlan plan() {
        return plan;
    }

    public OriginMarker originMarker() {
        return originMarker;
    }

    public GuardedTables tables() {
        return tables;
    }

    public String violationTopic() {
        return getString(VIOLATION_TOPIC);
    }

    /** Checks the shape {@code left=right} of each entry; what the names mean is checked against the plan later. */
    static final class EntriesValidator implements ConfigDef.Validator {
        private final String shape;
        private final boolean required;

        EntriesValidator(String shape, boolean required) {
            this.shape = shape;
            this.required = required;
        }

        @Override
        public void ensureValid(String name, Object value) {
            List<?> entries = value instanceof List<?> list ? list : List.of();
            if (required && entries.isEmpty()) {
                throw new ConfigException(name, value, "List at least one entry " + shape);
            }
            for (Object entry : entries) {
                String text = String.valueOf(entry);
                int equals = text.indexOf('=');
                if (equals <= 0 || equals == text.length() - 1 || text.indexOf('=', equals + 1) >= 0) {
                    throw new ConfigException(name, value, "'" + text + "' is not " + shape);
                }
            }
        }

        @Override
        public String toString() {
            return "comma-separated " + shape;
        }
    }

    /**
     * Checks a binding key ({@value #TABLES}, {@value #COLUMNS}) against the plan while Connect validates the
     * configuration. Connect embeds a transformation's ConfigDef key by key and offers no cross-key hook for
     * transformations (a connector has {@code Connector.validate()}); but it calls every key's recommender with the
     * parsed values of all the transformation's keys and reports a {@link ConfigException} the recommender throws as
     * an error on that key. So {@code PUT /connector-plugins/.../config/validate} names
     * {@code transforms.<alias>.guard.tables} when a table is bound to an entity the plan does not have, before
     * anything is deployed. Recommends no values.
     *
     * <p>Silent when the plan is missing or invalid, or the entries are malformed: the plan keys' and this key's own
     * validators report those, and repeating them here would only double the message.
     */
    static final class PlanBindingCheck implements ConfigDef.Recommender {

        /** Throws {@link IllegalArgumentException} naming the entry that does not fit the plan. */
        interface Binding {
            void check(List<String> entries, MigrationPlan plan);
        }

        private final EntriesValidator shape;
        private final Binding binding;

        PlanBindingCheck(EntriesValidator shape, Binding binding) {
            this.shape = shape;
            this.binding = binding;
        }

        @Override
        public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
            Object value = parsedConfig.get(name);
            Optional<MigrationPlan> plan = MigrationPlanConfig.planForValidation(parsedConfig);
            if (plan.isEmpty() || !(value instanceof List<?> list)) {
                return List.of();
            }
            try {
                shape.ensureValid(name, value);
            } catch (ConfigException malformed) {
                return List.of(); // reported by the key's validator
            }
            try {
                binding.check(list.stream().map(String::valueOf).toList(), plan.get());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
            return List.of();
        }

        @Override
        public boolean visible(String name, Map<String, Object> parsedConfig) {
            return true;
        }
    }

    /** Kafka's legal topic names: letters, digits, '.', '_' and '-', at most 249 characters. */
    static final class TopicNameValidator implements ConfigDef.Validator {
        private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

        @Override
        public void ensureValid(String name, Object value) {
            if (value == null || !LEGAL.matcher(value.toString()).matches()) {
                throw new ConfigException(name, value, "Not a legal topic name: use letters, digits, '.', '_' or '-'");
            }
        }

        @Override
        public String toString() {
            return "a topic name";
        }
    }
}
