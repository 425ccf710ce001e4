package dev.strangler.connect.core.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The migration plan: for every slice of the domain, which system is the system of record, who holds write
 * authority, who publishes, how conflicts resolve and which phase it is in, as a timeline of dated entries. Every
 * plugin evaluates the same plan at the record's <em>event time</em> (never the wall clock), so a cutover takes
 * effect for all of them at the same instant of the stream, whenever each one reloads its configuration: the ACL
 * and the legacy sink can never both, or neither, own a fact.
 *
 * <p>Built only by {@link PlanParser}, which rejects a plan with overlapping, gapped or contradictory scopes.
 * Immutable and thread-safe.
 *
 * <h2>Which scope decides</h2>
 * A record belongs to the most specific scope of its entity that matches it and exists at the event time. The
 * parser guarantees that any two scopes that can match the same record are nested (one's predicate is contained
 * in the other's), so "most specific" is always unique; each entity has exactly one catch-all scope, which exists
 * from the entity's first effective time on.
 */
public final class MigrationPlan {

    private final int version;
    private final String name;
    private final Map<String, List<String>> entities;
    private final List<PlanScope> scopes;
    /** Per entity, its scopes most specific first: the first that matches and exists decides. */
    private final Map<String, List<PlanScope>> evaluationOrder;

    MigrationPlan(int version, String name, Map<String, List<String>> entities, List<PlanScope> scopes) {
        this.version = version;
        this.name = name;
        // Document order, so messages that list the entities read like the plan does.
        Map<String, List<String>> ordered = new LinkedHashMap<>();
        entities.forEach((entity, fields) -> ordered.put(entity, List.copyOf(fields)));
        this.entities = Collections.unmodifiableMap(ordered);
        this.scopes = List.copyOf(scopes);
        this.evaluationOrder = evaluationOrder(this.scopes);
    }

    /** Parses and validates a plan document (YAML or JSON). */
    public static MigrationPlan parse(String document) {
        return PlanParser.parse(document);
    }

    /** The plan format version the document declared. */
    public int version() {
        return version;
    }

    /** The plan's name, if it has one. */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /** Entity names and the fields predicates may use, in document order. */
    public Map<String, List<String>> entities() {
        return entities;
    }

    public boolean hasEntity(String entity) {
        return entities.containsKey(entity);
    }

    /** Scopes in document order. */
    public List<PlanScope> scopes() {
        return scopes;
    }

    public Optional<PlanScope> scope(String scopeName) {
        return scopes.stream().filter(scope -> scope.name().equals(scopeName)).findFirst();
    }

    /**
     * Who is authoritative for a record of {@code entity} with these {@code fields} at {@code eventTime} (the time
     * the change happened in its source system, e.g. Debezium's {@code source.ts_ms}).
     *
     * @return empty when the plan does not know the entity, or the event precedes the entity's first effective
     *         time (the plan does not govern it yet)
     */
    public Optional<AuthorityDecision> decide(String entity, FieldValues fields, Instant eventTime) {
        List<PlanScope> candidates = evaluationOrder.get(entity);
        if (candidates == null) {
            return Optional.empty();
        }
        for (PlanScope scope : candidates) {
            if (scope.predicate().test(fields)) {
                Optional<AuthorityDecision> decision = scope.at(eventTime);
                if (decision.isPresent()) {
                    return decision;
                }
            }
        }
        return Optional.empty();
    }

    public Optional<AuthorityDecision> decide(String entity, Map<String, ?> fields, Instant eventTime) {
        return decide(entity, FieldValues.of(fields), eventTime);
    }

    /** Every scope's entry in force at {@code time} (scopes that do not exist yet are left out), in document order. */
    public List<AuthorityDecision> authorityAt(Instant time) {
        List<AuthorityDecision> table = new ArrayList<>();
        for (PlanScope scope : scopes) {
            scope.at(time).ifPresent(table::add);
        }
        return table;
    }

    /** Every instant at which some scope's authority changes, in order. */
    public Set<Instant> changeInstants() {
        Set<Instant> instants = new TreeSet<>();
        scopes.forEach(scope -> scope.timeline().forEach(entry -> instants.add(entry.effectiveSince())));
        return instants;
    }

    private static Map<String, List<PlanScope>> evaluationOrder(List<PlanScope> scopes) {
        Map<String, List<PlanScope>> byEntity = new LinkedHashMap<>();
        for (PlanScope scope : scopes) {
            byEntity.computeIfAbsent(scope.entity(), e -> new ArrayList<>()).add(scope);
        }
        Map<String, List<PlanScope>> ordered = new LinkedHashMap<>();
        byEntity.forEach((entity, entityScopes) -> {
            // A scope strictly inside k others is more specific than each of them (containment is transitive), so
            // sorting by k descending puts every scope before all scopes that contain it.
            Map<PlanScope, Integer> containers = new LinkedHashMap<>();
            for (PlanScope scope : entityScopes) {
                int count = 0;
                for (PlanScope other : entityScopes) {
                    if (other != scope && scope.predicate().isWithin(other.predicate())
                            && !other.predicate().isWithin(scope.predicate())) {
                        count++;
                    }
                }
                containers.put(scope, count);
            }
            List<PlanScope> sorted = new ArrayList<>(entityScopes);
            sorted.sort(Comparator.comparing((PlanScope scope) -> containers.get(scope)).reversed()
                    .thenComparing(PlanScope::name));
            ordered.put(entity, List.copyOf(sorted));
        });
        return Map.copyOf(ordered);
    }

    @Override
    public String toString() {
        return "MigrationPlan[" + (name == null ? "" : name + ", ") + "version " + version + ", " + scopes.size() + " scopes]";
    }
}
