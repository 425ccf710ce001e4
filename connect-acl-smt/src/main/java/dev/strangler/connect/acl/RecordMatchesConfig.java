package dev.strangler.connect.acl;

import java.util.Map;

import dev.strangler.connect.acl.classify.CelCondition;
import dev.strangler.connect.core.config.EnumValidator;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Configuration of {@link RecordMatches}. */
public final class RecordMatchesConfig extends AbstractConfig {

    /** What the predicate answers when the condition cannot be evaluated on a record. */
    public enum OnError {
        /** Fail the task: a condition that cannot be evaluated is a configuration problem to fix. */
        FAIL,
        /** The record does not match. */
        FALSE,
        /** The record matches. */
        TRUE
    }

    public static final String GROUP = "Condition";
    public static final String CONDITION = "condition";
    public static final String ON_ERROR = "on.error";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(CONDITION, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConditionValidator(), ConfigDef.Importance.HIGH,
                    "A Google CEL condition on the record, e.g. \"value.after.status == 'L' && has(value.after.lapse_reason)\". "
                            + "It sees value and key (structs as maps), headers and topic; test nullable fields with has().",
                    GROUP, 1, ConfigDef.Width.LONG, "Condition")
            .define(ON_ERROR, ConfigDef.Type.STRING, EnumValidator.configValue(OnError.FAIL), EnumValidator.of(OnError.class),
                    ConfigDef.Importance.MEDIUM,
                    "The answer when the condition cannot be evaluated on a record: 'fail' fails the task, 'false' or "
                            + "'true' answer so (and count the record in condition-errors).",
                    GROUP, 2, ConfigDef.Width.SHORT, "On error", EnumValidator.of(OnError.class));

    private final CelCondition condition;
    private final OnError onError;

    public RecordMatchesConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals);
        this.condition = CelCondition.compile(getString(CONDITION));
        this.onError = EnumValidator.parse(OnError.class, ON_ERROR, getString(ON_ERROR));
    }

    public CelCondition condition() {
        return condition;
    }

    public OnError onError() {
        return onError;
    }

    private static final class ConditionValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null) {
                return;
            }
            try {
                CelCondition.compile(value.toString());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "CEL condition";
        }
    }
}
