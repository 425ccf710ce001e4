package dev.strangler.connect.outbox.plan;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.strangler.connect.core.plan.MigrationPlan;
import dev.strangler.connect.core.plan.PlanFieldBinding;

/**
 * How outbox events meet the migration plan: which aggregate type is which plan entity, and where each plan field
 * of that entity is found in an event. Aggregate types that are not bound are not governed by the plan. Parsed and
 * checked against the plan when the connector is configured.
 */
public final class PlanBinding {

    private final Map<String, String> entityByAggregateType;
    private final Map<String, Map<String, FieldSource>> sourcesByEntity;

    private PlanBinding(Map<String, String> entityByAggregateType, Map<String, Map<String, FieldSource>> sourcesByEntity) {
        this.entityByAggregateType = Map.copyOf(entityByAggregateType);
        this.sourcesByEntity = Map.copyOf(sourcesByEntity);
    }

    /**
     * @param aggregateTypeEntries entries {@code aggregatetype=entity}
     * @param fieldEntries         entries {@code entity.field=payload:path} or {@code entity.field=column:name}; plan
     *                             fields without an entry are read from the payload's top-level field of their name
     * @param additionalColumns    the additional columns the connector reads (the only columns a field may come from)
     * @throws InvalidBinding naming the entry and whether it belongs to the aggregate types or the fields
     */
    public static PlanBinding parse(List<String> aggregateTypeEntries, List<String> fieldEntries, MigrationPlan plan,
                                    Collection<String> additionalColumns) {
        Map<String, String> entities = new LinkedHashMap<>();
        for (String entry : aggregateTypeEntries) {
            String[] parts = split(entry);
            if (!plan.hasEntity(parts[1])) {
                throw new InvalidBinding(false, "'" + entry.trim() + "': '" + parts[1] + "' is not an entity of the migration plan ("
                        + String.join(", ", plan.entities().keySet()) + ")");
            }
            if (entities.putIfAbsent(parts[0], parts[1]) != null) {
                throw new InvalidBinding(false, "aggregate type '" + parts[0] + "' is bound twice");
            }
        }
        if (entities.isEmpty()) {
            throw new InvalidBinding(false, "bind at least one aggregate type to a plan entity (aggregatetype=entity)");
        }
        // The entity.field=source syntax and its check against the plan are shared by every plugin (core); what a
        // source means here (a payload path or an additional column) is this connector's.
        PlanFieldBinding fieldBinding;
        try {
            fieldBinding = PlanFieldBinding.parse(fieldEntries, plan, new LinkedHashSet<>(entities.values()));
        } catch (IllegalArgumentException e) {
            throw new InvalidBinding(true, e.getMessage());
        }
        Map<String, Map<String, FieldSource>> sources = new LinkedHashMap<>();
        for (String entity : entities.values()) {
            Map<String, FieldSource> fields = new LinkedHashMap<>();
            for (String field : plan.entities().get(entity)) {
                String written = fieldBinding.bound(entity).get(field);
                fields.put(field, written == null ? FieldSource.payloadField(field) : source(entity, field, written, additionalColumns));
            }
            sources.put(entity, fields);
        }
        return new PlanBinding(entities, sources);
    }

    private static FieldSource source(String entity, String field, String written, Collection<String> additionalColumns) {
        String entry = entity + "." + field + "=" + written;
        FieldSource source;
        try {
            source = FieldSource.parse(written);
        } catch (IllegalArgumentException e) {
            throw new InvalidBinding(true, "'" + entry + "': " + e.getMessage());
        }
        Optional<String> column = source.column();
        if (column.isPresent() && !additionalColumns.contains(column.get())) {
            throw new InvalidBinding(true, "'" + entry + "': column '" + column.get() + "' is not read by the connector; list it in column.additional");
        }
        return source;
    }

    private static String[] split(String entry) {
        String text = entry.trim();
        int eq = text.indexOf('=');
        String key = eq > 0 ? text.substring(0, eq).trim() : "";
        String value = eq > 0 ? text.substring(eq + 1).trim() : "";
        if (key.isEmpty() || value.isEmpty() || value.contains("=")) {
            throw new InvalidBinding(false, "'" + text + "' must be aggregatetype=entity");
        }
        return new String[] {key, value};
    }

    /** The plan entity of events of {@code aggregateType}; empty when the plan does not govern them. */
    public Optional<String> entity(String aggregateType) {
        return Optional.ofNullable(entityByAggregateType.get(aggregateType));
    }

    /** Where each plan field of {@code entity} is read from. */
    public Map<String, FieldSource> fieldSources(String entity) {
        return sourcesByEntity.getOrDefault(entity, Map.of());
    }

    /** A binding entry that does not fit the plan or the connector's columns. */
    public static final class InvalidBinding extends IllegalArgumentException {
        private final boolean aboutFields;

        InvalidBinding(boolean aboutFields, String message) {
            super(message);
            this.aboutFields = aboutFields;
        }

        /** Whether the problem is in the field entries (else in the aggregate type entries). */
        public boolean aboutFields() {
            return aboutFields;
        }
    }
}
