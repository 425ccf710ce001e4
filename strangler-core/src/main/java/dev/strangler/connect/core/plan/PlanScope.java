package dev.strangler.connect.core.plan;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A slice of the domain that moves as one: an entity, an optional predicate narrowing it, and the timeline of
 * its authority. Each timeline entry is in force from its effective time until the next entry's; before the
 * first entry the scope does not exist yet and its records belong to the next less specific scope.
 */
public final class PlanScope {

    private final String name;
    private final String entity;
    private final ScopePredicate predicate;
    private final List<AuthorityDecision> timeline;

    PlanScope(String name, String entity, ScopePredicate predicate, List<AuthorityDecision> timeline) {
        this.name = Objects.requireNonNull(name);
        this.entity = Objects.requireNonNull(entity);
        this.predicate = Objects.requireNonNull(predicate);
        if (timeline.isEmpty()) {
            throw new IllegalArgumentException("Scope " + name + " needs at least one timeline entry");
        }
        for (int i = 1; i < timeline.size(); i++) {
            if (!timeline.get(i).effectiveSince().isAfter(timeline.get(i - 1).effectiveSince())) {
                throw new IllegalArgumentException("Scope " + name + ": timeline entries must be in strictly increasing time");
            }
        }
        this.timeline = List.copyOf(timeline);
    }

    public String name() {
        return name;
    }

    public String entity() {
        return entity;
    }

    public ScopePredicate predicate() {
        return predicate;
    }

    /** The entries in increasing effective time; each is the decision for the scope's records while it is in force. */
    public List<AuthorityDecision> timeline() {
        return timeline;
    }

    /** When the scope begins to exist. */
    public Instant start() {
        return timeline.get(0).effectiveSince();
    }

    /** The entry in force at {@code eventTime}: the last one whose effective time is at or before it. */
    public Optional<AuthorityDecision> at(Instant eventTime) {
        int low = 0;
        int high = timeline.size() - 1;
        int found = -1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (timeline.get(middle).effectiveSince().isAfter(eventTime)) {
                high = middle - 1;
            } else {
                found = middle;
                low = middle + 1;
            }
        }
        return found < 0 ? Optional.empty() : Optional.of(timeline.get(found));
    }

    @Override
    public String toString() {
        return "PlanScope[" + name + ": " + entity + " where " + predicate + "]";
    }
}
