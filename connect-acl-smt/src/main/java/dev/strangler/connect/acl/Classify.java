package dev.strangler.connect.acl;

import java.util.Map;
import java.util.Optional;

import dev.strangler.connect.acl.classify.CelVariables;
import dev.strangler.connect.acl.classify.ClassificationRules;
import dev.strangler.connect.acl.classify.RuleEvaluationException;
import dev.strangler.connect.acl.event.DomainEventHeaders;
import dev.strangler.connect.acl.quarantine.QuarantineConfig;
import dev.strangler.connect.acl.quarantine.QuarantineRouter;
import dev.strangler.connect.acl.quarantine.RecordRejectedException;
import dev.strangler.connect.acl.quarantine.RejectReason;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.header.Headers;

/**
 * Classifies a legacy change into a domain event type with declarative CEL rules (e.g. a transaction code plus an
 * approval flag: {@code EndorsementApproved} vs {@code TechnicalCorrection}) and optionally routes each type to its
 * own topic. The type goes into the {@code acl.event.type} header. Tombstones are not classified but are routed
 * by the event type they carry ({@code Tombstone} from {@link DomainEventUnwrap}), like unmatched records.
 */
public class Classify<R extends ConnectRecord<R>> extends AclTransformation<R> {

    public static final String OVERVIEW_DOC = "Sets the domain event type (header acl.event.type) with the first "
            + "matching rule written in Google CEL, and optionally routes each event type to its own topic. Rules are "
            + "type-checked and compiled once; no scripting engine is involved.";

    public static final ConfigDef CONFIG_DEF = ClassifyConfig.CONFIG_DEF;

    private ClassifyConfig config;
    private QuarantineRouter quarantine;

    @Override
    public void configure(Map<String, ?> configs) {
        config = new ClassifyConfig(configs);
        quarantine = QuarantineConfig.router(config, "Classify", metrics());
    }

    @Override
    public R apply(R record) {
        return quarantine.process(record, this::classify);
    }

    private R classify(R record) {
        if (record.value() == null) {
            // a tombstone is not classified, but it follows its event type to the topic its aggregate's events use
            String topic = topic(record.topic(), currentEventType(record.headers()));
            return topic.equals(record.topic()) ? record : record.newRecord(topic, null, record.keySchema(), record.key(),
                    record.valueSchema(), null, record.timestamp(), record.headers());
        }
        Optional<String> eventType;
        try {
            ClassificationRules rules = config.rules();
            eventType = rules.classify(CelVariables.lazy(record.key(), record.value(), record.headers(), record.topic(),
                    rules.fieldsRead()));
        } catch (RuleEvaluationException e) {
            throw new RecordRejectedException(RejectReason.INVALID_VALUE, e.rule(), "The condition of rule " + e.rule()
                    + " cannot be evaluated: " + e.getMessage());
        }
        if (eventType.isEmpty() && config.unmatched() == ClassifyConfig.Unmatched.QUARANTINE) {
            throw new RecordRejectedException(RejectReason.UNCLASSIFIED, ClassifyConfig.RULES, "No classification rule matches");
        }
        Headers headers = record.headers().duplicate();
        if (eventType.isPresent()) {
            headers.remove(DomainEventHeaders.EVENT_TYPE).addString(DomainEventHeaders.EVENT_TYPE, eventType.get());
        }
        String topic = topic(record.topic(), eventType.or(() -> currentEventType(headers)));
        return record.newRecord(topic, topic.equals(record.topic()) ? record.kafkaPartition() : null, record.keySchema(),
                record.key(), record.valueSchema(), record.value(), record.timestamp(), headers);
    }

    private static Optional<String> currentEventType(Headers headers) {
        Header header = headers.lastWithName(DomainEventHeaders.EVENT_TYPE);
        return header == null || header.value() == null ? Optional.empty() : Optional.of(header.value().toString());
    }

    private String topic(String topic, Optional<String> eventType) {
        if (config.topicFormat().isEmpty() || eventType.isEmpty()) {
            return topic;
        }
        return config.topicFormat().get()
                .replace(ClassifyConfig.EVENT_TYPE_PLACEHOLDER, eventType.get())
                .replace(ClassifyConfig.TOPIC_PLACEHOLDER, topic);
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

}
