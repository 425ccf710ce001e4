package dev.strangler.connect.acl;

import java.util.List;
import java.util.Map;
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
 * typed values; the plan and the table bindings are cross-checked here (a table bound to an entity the plan does
 * not know fails naming {@value #TABLES}).
 */
public final class AuthorityGuardConfig extends AbstractConfig {

    public static final String TABLES = "guard.tables";
    public static final String COLUMNS = "guard.columns";
    public static final String VIOLATION_TOPIC = "guard.violation.topic";

    public static final String DEFAULT_VIOLATION_TOPIC = "strangler.authority.violations";

    private static final String GROUP_PLAN = "Migration plan";
    private static final String GROUP_ORIGIN = "Origin marker";
    private static final String GROUP_GUARD = "Guard";

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
                .define(TABLES, ConfigDef.Type.LIST, ConfigDef.NO_DEFAULT_VALUE, new EntriesValidator("[schema.]table=entity", true),
                        ConfigDef.Importance.HIGH,
                        "The legacy tables the guard judges, each as [schema.]table=entity with an entity of the migration "
                                + "plan, e.g. public.endorsement=endorsement. Changes of other tables pass unjudged "
                                + "(own writes, recognised by the origin marker, are dropped from every table).",
                        GROUP_GUARD, ++order, ConfigDef.Width.LONG, "Guarded tables")
                .define(COLUMNS, ConfigDef.Type.LIST, "", new EntriesValidator("entity.field=column", false),
                        ConfigDef.Importance.MEDIUM,
                        "Where a plan field lives when its legacy column has another name, as entity.field=column, e.g. "
                                + "endorsement.product_line=prod_line_cd. Other fields are read from the column of the "
                                + "same name. Values are compared as the legacy table holds them (CHAR padding ignored).",
                        GROUP_GUARD, ++order, ConfigDef.Width.LONG, "Field columns")
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
