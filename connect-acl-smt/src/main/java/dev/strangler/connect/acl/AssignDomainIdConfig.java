package dev.strangler.connect.acl;

import java.util.Map;

import dev.strangler.connect.acl.quarantine.QuarantineConfig;
import dev.strangler.connect.core.identity.DomainIdentity;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Configuration of {@link AssignDomainId}. */
public final class AssignDomainIdConfig extends AbstractConfig {

    public static final String GROUP = "Identity";
    public static final String NAMESPACE = "namespace";

    public static final ConfigDef CONFIG_DEF = QuarantineConfig.define(DomainKeyOptions.define(new ConfigDef())
            .define(NAMESPACE, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new NamespaceValidator(),
                    ConfigDef.Importance.HIGH,
                    "The aggregate's UUID namespace: a UUID, or an aggregate name such as 'policy' (which stands for "
                            + "uuid5(NAMESPACE_URL, 'urn:strangler:aggregate:policy')). The id is uuid5(namespace, key "
                            + "values joined with '|'), reproducible anywhere.",
                    GROUP, 1, ConfigDef.Width.MEDIUM, "Namespace"));

    private final DomainKeyOptions.Settings key;
    private final DomainIdentity identity;

    public AssignDomainIdConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals);
        this.key = DomainKeyOptions.from(this);
        this.identity = DomainIdentity.of(DomainIdentity.namespace(getString(NAMESPACE)), key.trim());
    }

    DomainKeyOptions.Settings key() {
        return key;
    }

    public DomainIdentity identity() {
        return identity;
    }

    private static final class NamespaceValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value != null && value.toString().isBlank()) {
                throw new ConfigException(name, value, "Set a UUID or an aggregate name such as 'policy'");
            }
        }

        @Override
        public String toString() {
            return "UUID or aggregate name";
        }
    }
}
