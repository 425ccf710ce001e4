package dev.strangler.connect.acl;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.strangler.connect.acl.quarantine.QuarantineConfig;
import dev.strangler.connect.acl.quarantine.RecordRejectedException;
import dev.strangler.connect.acl.quarantine.RejectReason;
import dev.strangler.connect.core.identity.CachingCrossReferenceLookup;
import dev.strangler.connect.core.identity.CrossReferenceUnavailableException;
import dev.strangler.connect.core.identity.IdentityException;
import dev.strangler.connect.core.identity.JdbcCrossReferenceLookup;
import dev.strangler.connect.core.jdbc.JdbcConnectionConfig;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives each record the domain id the new system recorded for its legacy key in a cross-reference table, as the
 * record key: for aggregates whose ids the new system minted itself. Found ids are cached. A key with no id recorded
 * yet is quarantined ({@code identity}); an unreachable database is retried through Connect's
 * {@code errors.retry.timeout} ({@link RetriableException}); a table or column that does not exist fails the task.
 */
public class LookupDomainId<R extends ConnectRecord<R>> extends DomainIdAssignment<R> {

    public static final String OVERVIEW_DOC = "Looks up the domain id for the legacy key fields in the new system's "
            + "cross-reference table (cached) and makes it the record key, so per-aggregate order holds; keys without "
            + "a recorded id are quarantined.";

    public static final ConfigDef CONFIG_DEF = LookupDomainIdConfig.CONFIG_DEF;

    private static final Logger LOG = LoggerFactory.getLogger(LookupDomainId.class);

    private LookupDomainIdConfig config;
    private CachingCrossReferenceLookup lookup;

    @Override
    public void configure(Map<String, ?> configs) {
        config = new LookupDomainIdConfig(configs);
        configureKey(config.key(), QuarantineConfig.router(config, "LookupDomainId", metrics()));
        JdbcConnectionConfig connection = config.connection();
        lookup = new CachingCrossReferenceLookup(new JdbcCrossReferenceLookup(connection::open, connection.dialect(),
                config.table(), config.keyColumns(), config.idColumn(), config.queryTimeout()), config.cacheSize());
        LOG.info("LookupDomainId reads ids from {} on {}", config.table(), connection);
    }

    @Override
    String idFor(List<String> columnNames, List<Object> keyValues) {
        for (int i = 0; i < keyValues.size(); i++) {
            Object value = keyValues.get(i);
            if (value == null || (value instanceof String text && text.isBlank())) {
                throw new RecordRejectedException(RejectReason.IDENTITY, DomainKeyOptions.KEY_FIELDS,
                        "key column " + columnNames.get(i) + " is " + (value == null ? "null" : "blank"));
            }
        }
        Optional<String> id;
        try {
            id = lookup.find(keyValues);
        } catch (CrossReferenceUnavailableException e) {
            throw new RetriableException(e.getMessage(), e);
        } catch (IdentityException e) {
            throw new RecordRejectedException(RejectReason.IDENTITY, DomainKeyOptions.KEY_FIELDS, e.getMessage());
        } catch (IllegalStateException e) {
            throw new ConnectException(e.getMessage(), e);
        }
        return id.orElseThrow(() -> new RecordRejectedException(RejectReason.IDENTITY, DomainKeyOptions.KEY_FIELDS,
                "No domain id is recorded in " + config.table() + " for this key yet"));
    }

    @Override
    public void withPluginMetrics(PluginMetrics pluginMetrics) {
        super.withPluginMetrics(pluginMetrics);
        metrics().recorder().gauge("xref-cache-hits", "Lookups answered from the cross-reference cache", () -> lookup == null ? 0 : lookup.hits());
        metrics().recorder().gauge("xref-cache-misses", "Lookups that queried the cross-reference table", () -> lookup == null ? 0 : lookup.misses());
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public void close() {
        if (lookup != null) {
            lookup.close();
        }
        super.close();
    }
}
