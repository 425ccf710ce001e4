package dev.strangler.connect.acl;

import java.util.Map;
import java.util.Optional;

import dev.strangler.connect.acl.quarantine.QuarantineConfig;
import dev.strangler.connect.core.config.EnumValidator;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Configuration of {@link DomainEventUnwrap}. */
public final class DomainEventUnwrapConfig extends AbstractConfig {

    /** How a legacy delete is published. */
    public enum DeleteHandling {
        /** A {@code Deleted} event whose value is the last row state (the before image). */
        EVENT,
        /** A {@code Deleted} event with a null value (a tombstone for compacted topics); headers still say Deleted. */
        TOMBSTONE
    }

    /** What happens to the tombstone Debezium writes after a delete. */
    public enum TombstoneHandling {
        /** Passed on, with header {@code acl.event.type=Tombstone}. */
        PASS,
        /** Dropped on purpose and counted in {@code records-dropped}. */
        DROP
    }

    public static final String GROUP = "Domain event";
    public static final String DELETE_HANDLING = "delete.handling";
    public static final String TOMBSTONE_HANDLING = "tombstone.handling";
    public static final String BEFORE_FIELD = "before.field";
    public static final String SOURCE_HEADERS = "source.headers";

    public static final ConfigDef CONFIG_DEF = QuarantineConfig.define(new ConfigDef()
            .define(DELETE_HANDLING, ConfigDef.Type.STRING, EnumValidator.configValue(DeleteHandling.EVENT),
                    EnumValidator.of(DeleteHandling.class), ConfigDef.Importance.MEDIUM,
                    "How a legacy delete is published: 'event' publishes a Deleted event carrying the last row state; "
                            + "'tombstone' publishes a Deleted event with a null value (for compacted topics).",
                    GROUP, 1, ConfigDef.Width.SHORT, "Delete handling", EnumValidator.of(DeleteHandling.class))
            .define(TOMBSTONE_HANDLING, ConfigDef.Type.STRING, EnumValidator.configValue(TombstoneHandling.PASS),
                    EnumValidator.of(TombstoneHandling.class), ConfigDef.Importance.MEDIUM,
                    "What happens to the tombstone Debezium writes after a delete: 'pass' keeps it (header "
                            + "acl.event.type=Tombstone); 'drop' drops it and counts it in records-dropped.",
                    GROUP, 2, ConfigDef.Width.SHORT, "Tombstone handling", EnumValidator.of(TombstoneHandling.class))
            .define(BEFORE_FIELD, ConfigDef.Type.STRING, "", new FieldNameValidator(), ConfigDef.Importance.LOW,
                    "If set, the before image is kept in the event value under this field name (an optional struct), "
                            + "so later steps can compare old and new values. Empty: only the new state is kept.",
                    GROUP, 3, ConfigDef.Width.MEDIUM, "Before image field")
            .define(SOURCE_HEADERS, ConfigDef.Type.BOOLEAN, true, ConfigDef.Importance.LOW,
                    "Whether source metadata (connector, db, schema, table, txid, LSN or SCN, commit time) is added as "
                            + "acl.source.* headers.",
                    GROUP, 4, ConfigDef.Width.SHORT, "Source headers"));

    private final DeleteHandling deleteHandling;
    private final TombstoneHandling tombstoneHandling;
    private final Optional<String> beforeField;
    private final boolean sourceHeaders;

    public DomainEventUnwrapConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals);
        this.deleteHandling = EnumValidator.parse(DeleteHandling.class, DELETE_HANDLING, getString(DELETE_HANDLING));
        this.tombstoneHandling = EnumValidator.parse(TombstoneHandling.class, TOMBSTONE_HANDLING, getString(TOMBSTONE_HANDLING));
        String before = getString(BEFORE_FIELD).trim();
        this.beforeField = before.isEmpty() ? Optional.empty() : Optional.of(before);
        this.sourceHeaders = getBoolean(SOURCE_HEADERS);
    }

    public DeleteHandling deleteHandling() {
        return deleteHandling;
    }

    public TombstoneHandling tombstoneHandling() {
        return tombstoneHandling;
    }

    public Optional<String> beforeField() {
        return beforeField;
    }

    public boolean sourceHeaders() {
        return sourceHeaders;
    }

    /** A top-level field name: no dots (the before image is added beside the row's own fields). */
    private static final class FieldNameValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String text = value == null ? "" : value.toString().trim();
            if (!text.isEmpty() && !text.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new ConfigException(name, value, "Must be a field name of letters, digits and '_' (no dots)");
            }
        }

        @Override
        public String toString() {
            return "field name";
        }
    }
}
