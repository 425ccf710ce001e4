package dev.strangler.connect.acl;

import java.util.List;
import java.util.Map;

import dev.strangler.connect.acl.quarantine.QuarantineConfig;
import dev.strangler.connect.acl.quarantine.RecordRejectedException;
import dev.strangler.connect.acl.quarantine.RejectReason;
import dev.strangler.connect.core.identity.IdentityException;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;

/**
 * Gives each record the stable domain id of its aggregate, derived from the legacy key columns as a name-based
 * UUID v5 ({@link dev.strangler.connect.core.identity.DomainIdentity}), as the record key. No table to share: the
 * new system, the ACL and the legacy sink compute the same id. A key that cannot be identified (a null or blank
 * column) is quarantined ({@code identity}).
 */
public class AssignDomainId<R extends ConnectRecord<R>> extends DomainIdAssignment<R> {

    public static final String OVERVIEW_DOC = "Derives a stable domain id (UUID v5 in the aggregate's namespace) from "
            + "one or more legacy key fields and makes it the record key, so per-aggregate order holds; optionally "
            + "also writes it into the value.";

    public static final ConfigDef CONFIG_DEF = AssignDomainIdConfig.CONFIG_DEF;

    private AssignDomainIdConfig config;

    @Override
    public void configure(Map<String, ?> configs) {
        config = new AssignDomainIdConfig(configs);
        configureKey(config.key(), QuarantineConfig.router(config, "AssignDomainId", metrics()));
    }

    @Override
    String idFor(List<String> columnNames, List<Object> keyValues) {
        try {
            return config.identity().idFor(columnNames, keyValues).toString();
        } catch (IdentityException e) {
            throw new RecordRejectedException(RejectReason.IDENTITY, DomainKeyOptions.KEY_FIELDS, e.getMessage());
        }
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }
}
