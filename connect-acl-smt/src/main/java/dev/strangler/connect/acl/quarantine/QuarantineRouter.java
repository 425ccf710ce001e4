package dev.strangler.connect.acl.quarantine;

import java.util.Objects;
import java.util.function.UnaryOperator;

import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one transform step on a record the way every ACL transform must: a record already quarantined by an earlier
 * transform, or diverted by the authority guard as a violation, passes through untouched; a record the step rejects ({@link RecordRejectedException}) is re-routed,
 * unchanged, to the quarantine topic with headers naming the transform, the rule and the reason — or fails the
 * task when the policy is {@link RejectPolicy#FAIL}. Source connectors have no dead-letter queue, so this is how
 * a record that cannot be translated is kept rather than lost.
 *
 * <p>The quarantine topic may contain {@code ${topic}}, replaced by the record's topic, so each legacy table gets
 * its own quarantine topic by default.
 */
public final class QuarantineRouter {

    /** The placeholder for the record's topic in {@code quarantine.topic}. */
    public static final String TOPIC_PLACEHOLDER = "${topic}";

    private static final Logger LOG = LoggerFactory.getLogger(QuarantineRouter.class);
    private static final int DETAIL_MAX_LENGTH = 512;

    private final String transformName;
    private final RejectPolicy policy;
    private final String topicPattern;
    private final TransformMetrics metrics;

    public QuarantineRouter(String transformName, RejectPolicy policy, String topicPattern, TransformMetrics metrics) {
        this.transformName = Objects.requireNonNull(transformName, "transformName");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.topicPattern = Objects.requireNonNull(topicPattern, "topicPattern");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * Applies {@code step} unless the record is already set aside (quarantined or a violation); counts the record in and its outcome. A step
     * returns null only to drop a record on purpose (counted as dropped).
     */
    public <R extends ConnectRecord<R>> R process(R record, UnaryOperator<R> step) {
        metrics.recordIn();
        if (QuarantineHeaders.isSetAside(record)) {
            metrics.passedOver();
            return record;
        }
        R result;
        try {
            result = step.apply(record);
        } catch (RecordRejectedException rejected) {
            return reject(record, rejected);
        }
        if (result == null) {
            metrics.dropped();
        } else if (result == record) {
            metrics.passedOver();
        } else {
            metrics.recordOut();
        }
        return result;
    }

    /** Quarantines the record (or fails, per policy). The record's key, value and schemas are kept as they are. */
    public <R extends ConnectRecord<R>> R reject(R record, RecordRejectedException rejected) {
        metrics.quarantined(rejected.reason());
        if (policy == RejectPolicy.FAIL) {
            throw new DataException(transformName + " rejected a record of topic " + record.topic() + " (rule "
                    + rejected.rule() + ", reason " + rejected.reason().label() + "): " + rejected.getMessage());
        }
        String topic = topicFor(record.topic());
        LOG.debug("{} quarantines a record of topic {} to {}: rule {}, reason {}", transformName, record.topic(), topic,
                rejected.rule(), rejected.reason().label());
        Headers headers = record.headers().duplicate()
                .addBoolean(QuarantineHeaders.QUARANTINED, true)
                .addString(QuarantineHeaders.TRANSFORM, transformName)
                .addString(QuarantineHeaders.RULE, rejected.rule())
                .addString(QuarantineHeaders.REASON, rejected.reason().label())
                .addString(QuarantineHeaders.DETAIL, truncate(rejected.getMessage()))
                .addString(QuarantineHeaders.ORIGINAL_TOPIC, record.topic());
        // partition null: the quarantine topic's own partitioner places the record by its key
        return record.newRecord(topic, null, record.keySchema(), record.key(), record.valueSchema(), record.value(),
                record.timestamp(), headers);
    }

    /** The quarantine topic for records of {@code topic}. */
    public String topicFor(String topic) {
        return topicPattern.replace(TOPIC_PLACEHOLDER, topic == null ? "" : topic);
    }

    public TransformMetrics metrics() {
        return metrics;
    }

    private static String truncate(String detail) {
        if (detail == null) {
            return "";
        }
        return detail.length() <= DETAIL_MAX_LENGTH ? detail : detail.substring(0, DETAIL_MAX_LENGTH) + "...";
    }
}
