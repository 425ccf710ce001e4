package dev.strangler.connect.acl;

import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.strangler.connect.acl.envelope.ChangeEvent;
import dev.strangler.connect.acl.envelope.MalformedChangeEventException;
import dev.strangler.connect.acl.guard.AuthorityCheck;
import dev.strangler.connect.acl.guard.AuthorityVerdict;
import dev.strangler.connect.acl.guard.ViolationHeaders;
import dev.strangler.connect.acl.quarantine.QuarantineConfig;
import dev.strangler.connect.acl.quarantine.QuarantineRouter;
import dev.strangler.connect.acl.quarantine.RecordRejectedException;
import dev.strangler.connect.acl.quarantine.RejectReason;

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
 * Tombstones and values that are not change events pass unchanged; change events that cannot be judged are
 * quarantined like in every ACL transform ({@code quarantine.*}).
 *
 * <p>Metrics (KIP-877), besides the shared ACL transform metrics: {@code authority-violations} (tag
 * {@code scope}) and {@code own-writes-dropped}.
 */
public class AuthorityGuard<R extends ConnectRecord<R>> extends AclTransformation<R> {

    public static final String OVERVIEW_DOC = "Enforces the migration plan's write authority on legacy CDC: drops the "
            + "legacy sink's own writes (origin marker), passes changes to scopes legacy still owns, and routes legacy "
            + "writes to scopes legacy no longer owns at their event time to a violation topic, counted, not propagated.";

    public static final ConfigDef CONFIG_DEF = AuthorityGuardConfig.CONFIG_DEF;

    private static final Logger LOG = LoggerFactory.getLogger(AuthorityGuard.class);

    private AuthorityCheck check;
    private String violationTopic;
    private QuarantineRouter quarantine;

    @Override
    public void configure(Map<String, ?> configs) {
        AuthorityGuardConfig config = new AuthorityGuardConfig(configs);
        this.check = new AuthorityCheck(config.plan(), config.originMarker(), config.tables());
        this.violationTopic = config.violationTopic();
        this.quarantine = QuarantineConfig.router(config, getClass().getSimpleName(), metrics());
        LOG.info("Authority guard configured: {} with {} scopes, {}, violations to {}", config.plan(),
                config.plan().scopes().size(), config.originMarker(), violationTopic);
    }

    @Override
    public R apply(R record) {
        if (!(record.value() instanceof Struct) || !ChangeEvent.isChangeEvent(record.valueSchema())) {
            return record; // tombstones and non-CDC values are not the guard's to judge
        }
        return quarantine.process(record, this::judge);
    }

    private R judge(R record) {
        ChangeEvent event;
        try {
            event = ChangeEvent.from((Struct) record.value());
        } catch (MalformedChangeEventException e) {
            throw new RecordRejectedException(RejectReason.MALFORMED_EVENT, "envelope", e.getMessage());
        }
        AuthorityVerdict verdict = check.judge(event);
        return switch (verdict.outcome()) {
            case PASS -> record;
            case OWN_WRITE -> {
                metrics().recorder().counter("own-writes-dropped", "Legacy changes made by the legacy sink, dropped").increment();
                yield null;
            }
            case VIOLATION -> violation(record, verdict, event);
            case MALFORMED -> throw new RecordRejectedException(RejectReason.MALFORMED_EVENT, "source.ts_ms",
                    "The change event has no source timestamp (" + verdict.reason() + "): its event time is unknown");
        };
    }

    private R violation(R record, AuthorityVerdict verdict, ChangeEvent event) {
        String scope = verdict.decision().orElseThrow().scope();
        metrics().recorder().counter("authority-violations", "Legacy changes to scopes legacy has no write authority over",
                Map.of("scope", scope)).increment();
        LOG.debug("Authority violation in scope {}: {} on {} (txId {})", scope, event.operation(),
                ViolationHeaders.qualifiedTable(event), event.source().transactionId().orElse("?"));
        Headers headers = record.headers().duplicate();
        ViolationHeaders.add(headers, verdict, event);
        // partition null: the violation topic's partitioner places the record by its key
        return record.newRecord(violationTopic, null, record.keySchema(), record.key(), record.valueSchema(), record.value(),
                record.timestamp(), headers);
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

}
