package dev.strangler.connect.acl;

import java.util.Map;
import java.util.Optional;

import dev.strangler.connect.acl.classify.ClassificationRules;
import dev.strangler.connect.acl.quarantine.QuarantineConfig;
import dev.strangler.connect.core.config.EnumValidator;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Configuration of {@link Classify}. */
public final class ClassifyConfig extends AbstractConfig {

    /** What happens to a record no rule matches. */
    public enum Unmatched {
        /** Passed on with the event type it had (e.g. Changed from DomainEventUnwrap). */
        KEEP,
        /** Quarantined with reason unclassified. */
        QUARANTINE
    }

    public static final String GROUP = "Classification";
    public static final String RULES = "rules";
    public static final String UNMATCHED = "unmatched";
    public static final String TOPIC_FORMAT = "topic.format";
    public static final String EVENT_TYPE_PLACEHOLDER = "${eventType}";
    public static final String TOPIC_PLACEHOLDER = "${topic}";

    public static final ConfigDef CONFIG_DEF = QuarantineConfig.define(new ConfigDef()
            .define(RULES, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new RulesValidator(), ConfigDef.Importance.HIGH,
                    "Classification rules in Google CEL, 'EventType: condition' separated by ';', first match wins, e.g. "
                            + "\"EndorsementApproved: value.tx_code == 'END' && value.approved; TechnicalCorrection: "
                            + "value.tx_code in ['COR', 'FIX']\". Conditions see value, key (structs as maps), headers "
                            + "and topic; test nullable fields with has(value.field). Compiled once; no scripting engine.",
                    GROUP, 1, ConfigDef.Width.LONG, "Rules")
            .define(UNMATCHED, ConfigDef.Type.STRING, EnumValidator.configValue(Unmatched.KEEP), EnumValidator.of(Unmatched.class),
                    ConfigDef.Importance.MEDIUM,
                    "A record no rule matches: 'keep' passes it on with its current event type, 'quarantine' quarantines "
                            + "it (reason unclassified).",
                    GROUP, 2, ConfigDef.Width.SHORT, "Unmatched records", EnumValidator.of(Unmatched.class))
            .define(TOPIC_FORMAT, ConfigDef.Type.STRING, "", new TopicFormatValidator(), ConfigDef.Importance.MEDIUM,
                    "If set, the topic per event type, with " + EVENT_TYPE_PLACEHOLDER + " and " + TOPIC_PLACEHOLDER
                            + ", e.g. 'policy.events.${eventType}'. Empty: the topic is kept.",
                    GROUP, 3, ConfigDef.Width.LONG, "Topic format"));

    private final ClassificationRules rules;
    private final Unmatched unmatched;
    private final Optional<String> topicFormat;

    public ClassifyConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals);
        this.rules = ClassificationRules.parse(getString(RULES));
        this.unmatched = EnumValidator.parse(Unmatched.class, UNMATCHED, getString(UNMATCHED));
        String format = getString(TOPIC_FORMAT).trim();
        this.topicFormat = format.isEmpty() ? Optional.empty() : Optional.of(format);
    }

    public ClassificationRules rules() {
        return rules;
    }

    public Unmatched unmatched() {
        return unmatched;
    }

    public Optional<String> topicFormat() {
        return topicFormat;
    }

    /** Parses and compiles the rules during validation, so a CEL error reaches the user with the rule it is in. */
    private static final class RulesValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null) {
                return;
            }
            try {
                ClassificationRules.parse(value.toString());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "EventType: CEL condition; ...";
        }
    }

    private static final class TopicFormatValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String format = value == null ? "" : value.toString().trim();
            if (format.isEmpty()) {
                return;
            }
            String example = format.replace(EVENT_TYPE_PLACEHOLDER, "Created").replace(TOPIC_PLACEHOLDER, "legacy.public.policy");
            if (!example.matches("[a-zA-Z0-9._-]{1,249}")) {
                throw new ConfigException(name, value, "Not a valid topic name: use letters, digits, '.', '_', '-', "
                        + EVENT_TYPE_PLACEHOLDER + " and " + TOPIC_PLACEHOLDER);
            }
        }

        @Override
        public String toString() {
            return "topic name with " + EVENT_TYPE_PLACEHOLDER + " and " + TOPIC_PLACEHOLDER;
        }
    }
}
