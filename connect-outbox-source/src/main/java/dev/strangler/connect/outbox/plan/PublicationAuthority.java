package dev.strangler.connect.outbox.plan;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import dev.strangler.connect.core.plan.AuthorityDecision;
import dev.strangler.connect.core.plan.MigrationPlan;
import dev.strangler.connect.outbox.model.OutboxPayload;
import dev.strangler.connect.outbox.model.OutboxRow;

/**
 * Asks the migration plan who publishes an outbox event's scope at the event's time (its timestamp column, set in
 * the service's transaction; never the wall clock, so a cutover applies at the same instant of the stream as in
 * every other connector, whenever this one reloads its configuration). Thread-safe and without state.
 */
public final class PublicationAuthority {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MigrationPlan plan;
    private final PlanBinding binding;

    public PublicationAuthority(MigrationPlan plan, PlanBinding binding) {
        this.plan = plan;
        this.binding = binding;
    }

    /**
     * The plan's decision for the row's scope at its event time; empty when the plan does not govern the row (an
     * aggregate type bound to no entity, or an event before the entity's first effective time).
     *
     * @throws MissingEventTime when the row is governed but has no timestamp
     */
    public Optional<AuthorityDecision> decide(OutboxRow row) {
        Optional<String> entity = binding.entity(row.aggregateType());
        if (entity.isEmpty()) {
            return Optional.empty();
        }
        long eventTime = row.timestampMillis().orElseThrow(MissingEventTime::new);
        Map<String, FieldSource> sources = binding.fieldSources(entity.get());
        // Parsed only when a predicate asks for a payload field, and then once per row.
        JsonNode[] payload = new JsonNode[1];
        return plan.decide(entity.get(), field -> {
            FieldSource source = sources.get(field);
            if (source == null) {
                return null;
            }
            if (payload[0] == null) {
                payload[0] = parse(row);
            }
            return source.read(row, payload[0]);
        }, Instant.ofEpochMilli(eventTime));
    }

    private static JsonNode parse(OutboxRow row) {
        if (row.payload().isEmpty()) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode node = JSON.readTree(row.payload().map(OutboxPayload::asText).get());
            return node == null ? MissingNode.getInstance() : node;
        } catch (JsonProcessingException e) {
            // Not JSON (payload.format string or bytes): its fields are missing and match no condition.
            return MissingNode.getInstance();
        }
    }

    /** A governed row without event time: the plan cannot be evaluated for it. */
    public static final class MissingEventTime extends RuntimeException {
        MissingEventTime() {
            super("the timestamp column is NULL; the migration plan is evaluated at the event's time");
        }
    }
}
