package dev.strangler.connect.acl;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.metrics.Monitorable;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.transforms.Transformation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.strangler.connect.acl.envelope.ChangeEvent;
import dev.strangler.connect.acl.envelope.MalformedChangeEventException;
import dev.strangler.connect.acl.guard.AuthorityCheck;
import dev.strangler.connect.acl.guard.AuthorityVerdict;
import dev.strangler.connect.acl.guard.ViolationHeaders;
import dev.strangler.connect.core.StranglerVersion;
import dev.strangler.connect.core.metrics.PluginMetricsRecorder;
import dev.strangler.connect.core.metrics.PluginMetricsRecorder.Counter;

/**
 * The first transform of the ACL chain on raw Debezium change events from the legacy database. It enforces the
 * migration plan's write authority on the legacy side:
 * <ul>
 *   <li>changes the legacy sink made (origin marker) are dropped, so a fact travels legacy -> service -> legacy
 *       once and never loops;</li>
 *   <li>changes to scopes legacy still owns pass on unchanged;</li>
 *   <li>legacy changes to scopes legacy no longer owns at the change's event time ({@code source.ts_ms}) are
 *       authority violations (e.g. a nightly batch "correcting" migrated addresses): they go to the violation
 *       topic with explanatory headers and are counted, never propagated to the service.</li>
 * </ul>
 * Tombstones and values that are not change events pass unchanged; change events that cannot be judged go to the
 * quarantine topic with the reason in a header.
 *
 * <p>Metrics (KIP-877): {@code authority-violations} (tag {@code scope}), {@code own-writes-dropped},
 * {@code changes-passed}, {@code change-events-quarantined}.
 */
public class AuthorityGuard<R extends ConnectRecord<R>> implements Transformation<R>, Versioned, Monitorable {

    public static final String OVERVIEW_DOC = "Enforces the migration plan's write authority on legacy CDC: drops the "
            + "legacy sink's own writes (origin marker), passes changes to scopes legacy still owns, and routes legacy "
            + "writes to scopes legacy no longer owns at their event time to a violation topic, counted, not propagated.";

    public static final ConfigDef CONFIG_DEF = AuthorityGuardConfig.CONFIG_DEF;

    /** Header naming why a change event was quarantined. */
    public static final String QUARANTINE_REASON_HEADER = "strangler.quarantine.reason";

    private static final Logger LOG = LoggerFactory.getLogger(AuthorityGuard.class);

    private AuthorityCheck check;
    private String violationTopic;
    private String quarantineTopic;
    private PluginMetricsRecorder metrics = PluginMetricsRecorder.detached();
    private Counter ownWrites;
    private Counter passed;
    private Counter quarantined;
    private final Map<String, Counter> violationsByScope = new ConcurrentHashMap<>();

    public AuthorityGuard() {
        bindCounters();
    }

    @Override
    public void configure(Map<String, ?> configs) {
        AuthorityGuardConfig config = new AuthorityGuardConfig(configs);
        this.check = new AuthorityCheck(config.plan(), config.originMarker(), config.tables());
        this.violationTopic = config.violationTopic();
        this.quarantineTopic = config.quarantineTopic();
        LOG.info("Authority guard configured: {} with {} scopes, {}, violations to {}", config.plan(),
                config.plan().scopes().size(), config.originMarker(), violationTopic);
    }

    @Override
    public void withPluginMetrics(PluginMetrics pluginMetrics) {
        this.metrics = PluginMetricsRecorder.of(pluginMetrics);
        bindCounters();
    }

    private void bindCounters() {
        violationsByScope.clear();
        ownWrites = metrics.counter("own-writes-dropped", "Legacy changes made by the legacy sink, dropped");
        passed = metrics.counter("changes-passed", "Legacy changes passed on to the ACL");
        quarantined = metrics.counter("change-events-quarantined", "Change events the guard could not judge");
    }

    @Override
    public R apply(R record) {
        if (record.value() == null || !(record.value() instanceof Struct value) || !ChangeEvent.isChangeEvent(record.valueSchema())) {
            return record; // tombstones and non-CDC values are not the guard's to judge
        }
        ChangeEvent event;
        try {
            event = ChangeEvent.from(value);
        } catch (MalformedChangeEventException e) {
            return quarantine(record, "malformed-change-event: " + e.getMessage());
        }
        AuthorityVerdict verdict = check.judge(event);
        switch (verdict.outcome()) {
            case PASS -> {
                passed.increment();
                return record;
            }
            case OWN_WRITE -> {
                ownWrites.increment();
                return null;
            }
            case VIOLATION -> {
                return violation(record, verdict, event);
            }
            default -> {
                return quarantine(record, verdict.reason());
            }
        }
    }

    private R violation(R record, AuthorityVerdict verdict, ChangeEvent event) {
        String scope = verdict.decision().orElseThrow().scope();
        violationsByScope.computeIfAbsent(scope, s -> metrics.counter("authority-violations",
                "Legacy changes to scopes legacy has no write authority over", Map.of("scope", s))).increment();
        LOG.debug("Authority violation in scope {}: {} on {} (txId {})", scope, event.operation(),
                ViolationHeaders.qualifiedTable(event), event.source().transactionId().orElse("?"));
        Headers headers = record.headers().duplicate();
        ViolationHeaders.add(headers, verdict, event);
        return record.newRecord(violationTopic, null, record.keySchema(), record.key(), record.valueSchema(), record.value(),
                record.timestamp(), headers);
    }

    private R quarantine(R record, String reason) {
        quarantined.increment();
        LOG.debug("Quarantining a change event from topic {}: {}", record.topic(), reason);
        Headers headers = record.headers().duplicate();
        headers.addString(QUARANTINE_REASON_HEADER, reason);
        return record.newRecord(quarantineTopic, null, record.keySchema(), record.key(), record.valueSchema(), record.value(),
                record.timestamp(), headers);
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public String version() {
        return StranglerVersion.get();
    }

    @Override
    public void close() {
        metrics.close();
    }
}
