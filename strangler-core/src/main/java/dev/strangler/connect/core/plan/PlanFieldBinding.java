package dev.strangler.connect.core.plan;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a plan entity's fields are found in a plugin's records, when the records do not spell them like the plan:
 * entries {@code entity.field=source}, e.g. {@code endorsement.product_line=productLine}. The plan names fields once,
 * in its own vocabulary; the records of each system keep theirs (domain events in camel case, legacy columns in
 * codes). A plan field without an entry is read under its own name. What {@code source} means (a record field, a
 * payload path, a column) is the plugin's business; this class checks the left side against the plan and keeps the
 * right side as written.
 */
public final class PlanFieldBinding {

    private final Map<String, Map<String, String>> sourceByFieldByEntity;

    private PlanFieldBinding(Map<String, Map<String, String>> sourceByFieldByEntity) {
        this.sourceByFieldByEntity = sourceByFieldByEntity;
    }

    /** No entries: every plan field is read under its own name. */
    public static PlanFieldBinding identity() {
        return new PlanFieldBinding(Map.of());
    }

    /**
     * @param entries  {@code entity.field=source} entries (blank entries are ignored)
     * @param plan     the plan the fields must belong to
     * @param entities the entities the plugin's records are about; an entry for another entity is an error
     * @throws IllegalArgumentException naming the entry that is malformed, names no field of one of {@code entities}
     *                                  or binds a field twice
     */
    public static PlanFieldBinding parse(List<String> entries, MigrationPlan plan, Collection<String> entities) {
        Map<String, Map<String, String>> sources = new LinkedHashMap<>();
        for (String raw : entries) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            String left = eq > 0 ? entry.substring(0, eq).trim() : "";
            String source = eq > 0 ? entry.substring(eq + 1).trim() : "";
            int dot = left.indexOf('.');
            if (source.isEmpty() || dot <= 0 || dot == left.length() - 1) {
                throw new IllegalArgumentException("'" + entry + "' must be entity.field=<where the field is found>");
            }
            String entity = left.substring(0, dot);
            String field = left.substring(dot + 1);
            if (!entities.contains(entity)) {
                throw new IllegalArgumentException("'" + entry + "': '" + entity + "' is not the entity of these records ("
                        + String.join(", ", entities) + ")");
            }
            List<String> planFields = plan.entities().get(entity);
            if (planFields == null) {
                throw new IllegalArgumentException("'" + entry + "': '" + entity + "' is not an entity of the migration plan ("
                        + String.join(", ", plan.entities().keySet()) + ")");
            }
            if (!planFields.contains(field)) {
                throw new IllegalArgumentException("'" + entry + "': '" + field + "' is not a field of plan entity '" + entity
                        + "' (" + String.join(", ", planFields) + ")");
            }
            if (sources.computeIfAbsent(entity, e -> new LinkedHashMap<>()).putIfAbsent(field, source) != null) {
                throw new IllegalArgumentException("'" + entry + "': field '" + entity + "." + field + "' is bound twice");
            }
        }
        sources.replaceAll((entity, fields) -> Map.copyOf(fields));
        return new PlanFieldBinding(Map.copyOf(sources));
    }

    /** Where plan field {@code field} of {@code entity} is found: the entry's source, else the field's own name. */
    public String source(String entity, String field) {
        return sourceByFieldByEntity.getOrDefault(entity, Map.of()).getOrDefault(field, field);
    }

    /** The bound fields of {@code entity} (plan field to source); fields read under their own name are not listed. */
    public Map<String, String> bound(String entity) {
        return sourceByFieldByEntity.getOrDefault(entity, Map.of());
    }

    /**
     * A record's fields as the plan's predicates of {@code entity} read them, for plugins whose sources are record
     * field names: plan field {@code f} reads the record's field {@link #source(String, String) source(entity, f)}.
     */
    public FieldValues view(String entity, FieldValues record) {
        Map<String, String> bound = bound(entity);
        return bound.isEmpty() ? record : field -> record.get(bound.getOrDefault(field, field));
    }
}
