package dev.strangler.connect.outbox.plan;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.strangler.connect.core.plan.AuthorityDecision;
import dev.strangler.connect.core.plan.Side;
import dev.strangler.connect.core.plan.ViolationHeaderNames;
import dev.strangler.connect.core.sql.TableName;
import dev.strangler.connect.outbox.model.OutboxRow;
import dev.strangler.connect.outbox.shape.BadRowException;
import dev.strangler.connect.outbox.shape.BadRowReason;

/**
 * Keeps the service from silently publishing events the migration plan gives to legacy: an event whose scope has
 * publisher {@code legacy} at the event's time goes to the violation topic, is published with violation headers,
 * or is skipped, by {@link PublisherViolationPolicy}; every such event is counted. Events the plan does not govern,
 * and events of scopes the service publishes, pass unchanged.
 *
 * <p>A diverted or skipped event keeps its row's position (the record carries the source offset, a skipped row
 * moves the poller on like a skipped bad row), so it is never read again and nothing after it is held up.
 */
public final class PublicationGuard {

    /** Counts a violation (the metric); table, scope and policy tag it. */
    @FunctionalInterface
    public interface ViolationCounter {
        void violation(TableName table, String scope, PublisherViolationPolicy policy);
    }

    /** The reason header's value: the service published an event of a scope whose publisher is legacy. */
    public static final String REASON = "service-published-legacy-scope";

    private static final Logger LOG = LoggerFactory.getLogger(PublicationGuard.class);

    private static final PublicationGuard PUBLISH_EVERYTHING = new PublicationGuard(null, PublisherViolationPolicy.VIOLATION_TOPIC, null,
            (table, scope, policy) -> { });

    private final PublicationAuthority authority;
    private final PublisherViolationPolicy policy;
    private final String violationTopic;
    private final ViolationCounter counter;

    public PublicationGuard(PublicationAuthority authority, PublisherViolationPolicy policy, String violationTopic, ViolationCounter counter) {
        this.authority = authority;
        this.policy = policy;
        this.violationTopic = violationTopic;
        this.counter = counter;
    }

    /** Without a migration plan every event is published. */
    public static PublicationGuard publishEverything() {
        return PUBLISH_EVERYTHING;
    }

    /** Whether {@code topic} is where this guard sends violations (such records are not published domain events). */
    public boolean isViolationTopic(String topic) {
        return authority != null && policy == PublisherViolationPolicy.VIOLATION_TOPIC && violationTopic.equals(topic);
    }

    /**
     * The record to publish for {@code row}, shaped as {@code record}: unchanged, diverted, marked, or none.
     *
     * @throws BadRowException when the plan governs the row but it has no event time
     */
    public Optional<SourceRecord> check(OutboxRow row, SourceRecord record) throws BadRowException {
        if (authority == null) {
            return Optional.of(record);
        }
        Optional<AuthorityDecision> decision;
        try {
            decision = authority.decide(row);
        } catch (PublicationAuthority.MissingEventTime e) {
            throw new BadRowException(BadRowReason.MISSING_COLUMN, e.getMessage());
        }
        if (decision.isEmpty() || decision.get().publisher() == Side.SERVICE) {
            return Optional.of(record);
        }
        AuthorityDecision legacyPublishes = decision.get();
        counter.violation(row.table(), legacyPublishes.scope(), policy);
        switch (policy) {
            case VIOLATION_TOPIC: {
                Headers headers = record.headers().duplicate();
                addHeaders(headers, row, legacyPublishes);
                return Optional.of(record.newRecord(violationTopic, null, record.keySchema(), record.key(), record.valueSchema(),
                        record.value(), record.timestamp(), headers));
            }
            case PUBLISH_WITH_HEADERS:
                addHeaders(record.headers(), row, legacyPublishes);
                return Optional.of(record);
            case SKIP:
                LOG.warn("Skipping outbox event {} of {} at position {}: the migration plan gives scope '{}' to legacy as publisher "
                        + "at its event time", row.eventId(), row.table(), row.position(), legacyPublishes.scope());
                return Optional.empty();
            default:
                throw new IllegalStateException("unknown policy " + policy);
        }
    }

    private static void addHeaders(Headers headers, OutboxRow row, AuthorityDecision decision) {
        headers.addString(ViolationHeaderNames.SCOPE, decision.scope());
        headers.addString(ViolationHeaderNames.PHASE, Integer.toString(decision.phase().number()));
        headers.addString(ViolationHeaderNames.PUBLISHER, decision.publisher().name().toLowerCase(Locale.ROOT));
        headers.addString(ViolationHeaderNames.REASON, REASON);
        headers.addString(ViolationHeaderNames.TABLE, row.table().toString());
        row.timestampMillis().ifPresent(millis -> headers.addString(ViolationHeaderNames.EVENT_TIME, Instant.ofEpochMilli(millis).toString()));
        headers.addString(ViolationHeaderNames.EFFECTIVE_SINCE, decision.effectiveSince().toString());
    }
}
