package dev.strangler.connect.acl.quarantine;

import dev.strangler.connect.core.config.EnumValidator;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** The {@code quarantine.*} options every ACL transform shares, defined once. */
public final class QuarantineConfig {

    public static final String GROUP = "Quarantine";
    public static final String TOPIC = "quarantine.topic";
    public static final String POLICY = "quarantine.policy";
    public static final String DEFAULT_TOPIC = QuarantineRouter.TOPIC_PLACEHOLDER + ".quarantine";

    private QuarantineConfig() {
    }

    /** Adds the quarantine options to a transform's ConfigDef. */
    public static ConfigDef define(ConfigDef configDef) {
        EnumValidator<RejectPolicy> policies = EnumValidator.of(RejectPolicy.class);
        return configDef
                .define(POLICY, ConfigDef.Type.STRING, EnumValidator.configValue(RejectPolicy.QUARANTINE), policies,
                        ConfigDef.Importance.MEDIUM,
                        "What to do with a record this transform cannot translate: 'quarantine' routes it unchanged to "
                                + "the quarantine topic with headers acl.quarantine.transform, .rule, .reason and "
                                + ".detail, and processing continues; 'fail' fails the task.",
                        GROUP, 1, ConfigDef.Width.SHORT, "Reject policy", policies)
                .define(TOPIC, ConfigDef.Type.STRING, DEFAULT_TOPIC, new TopicPatternValidator(),
                        ConfigDef.Importance.MEDIUM,
                        "Topic for quarantined records; '" + QuarantineRouter.TOPIC_PLACEHOLDER + "' is replaced by the "
                                + "record's topic. Create it (or allow auto-creation) before records arrive.",
                        GROUP, 2, ConfigDef.Width.LONG, "Quarantine topic");
    }

    public static QuarantineRouter router(AbstractConfig config, String transformName, TransformMetrics metrics) {
        RejectPolicy policy = EnumValidator.parse(RejectPolicy.class, POLICY, config.getString(POLICY));
        return new QuarantineRouter(transformName, policy, config.getString(TOPIC), metrics);
    }

    private static final class TopicPatternValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String pattern = value == null ? "" : value.toString().trim();
            if (pattern.isEmpty()) {
                throw new ConfigException(name, value, "The quarantine topic must not be empty");
            }
            String example = pattern.replace(QuarantineRouter.TOPIC_PLACEHOLDER, "legacy.public.policy");
            if (!example.matches("[a-zA-Z0-9._-]{1,249}")) {
                throw new ConfigException(name, value, "Not a valid topic name: use letters, digits, '.', '_', '-' and "
                        + QuarantineRouter.TOPIC_PLACEHOLDER);
            }
        }

        @Override
        public String toString() {
            return "topic name, may contain " + QuarantineRouter.TOPIC_PLACEHOLDER;
        }
    }
}
