package dev.strangler.connect.legacy.mapping;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one event type writes: its tables in order (a header before its details, so foreign keys hold), and,
 * when a migration plan governs the sink, the plan entity it belongs to.
 *
 * @param eventType      the event type this applies to
 * @param writes         the tables written, in order, all in the same transaction
 * @param scope          the plan entity and how its predicate fields are read from the event
 * @param eventTimeField the field holding the event time, if not the record timestamp
 */
public record EventProjection(String eventType, List<TableProjection> writes, Optional<PlanScopeFields> scope,
                              Optional<FieldPath> eventTimeField) {

    public EventProjection {
        writes = List.copyOf(writes);
    }

    /**
     * The plan entity an event belongs to and where each field a scope predicate reads comes from.
     *
     * @param entity the plan entity
     * @param fields plan field name to the event field it is read from
     */
    public record PlanScopeFields(String entity, Map<String, FieldPath> fields) {
        public PlanScopeFields {
            fields = Map.copyOf(fields);
        }
    }
}
