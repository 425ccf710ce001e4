package dev.strangler.connect.core.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What changes between two versions of a plan, in terms a reviewer can check against intent: for each scope,
 * during which interval of event time its authority differs, and how. Two plans that differ only in wording
 * (comments, notes, the order of scopes, how a timeline is split into entries) have no changes.
 */
public final class PlanDiff {

    /**
     * One difference: from {@code from} until {@code until} (open-ended when empty), scope {@code scope} had
     * authority {@code before} and now has {@code after}; either is empty when the scope does not exist then.
     */
    public record AuthorityChange(String scope, Instant from, Optional<Instant> until,
                                  Optional<AuthorityDecision> before, Optional<AuthorityDecision> after) {
    }

    /** A scope whose predicate changed, so records move in or out of it. */
    public record PredicateChange(String scope, ScopePredicate before, ScopePredicate after) {
    }

    private final List<PredicateChange> predicateChanges;
    private final List<AuthorityChange> authorityChanges;
    private final List<String> entityChanges;

    private PlanDiff(List<PredicateChange> predicateChanges, List<AuthorityChange> authorityChanges, List<String> entityChanges) {
        this.predicateChanges = List.copyOf(predicateChanges);
        this.authorityChanges = List.copyOf(authorityChanges);
        this.entityChanges = List.copyOf(entityChanges);
    }

    public static PlanDiff between(MigrationPlan before, MigrationPlan after) {
        List<String> entityChanges = new ArrayList<>();
        for (Map.Entry<String, List<String>> entity : before.entities().entrySet()) {
            List<String> now = after.entities().get(entity.getKey());
            if (now == null) {
                entityChanges.add("entity " + entity.getKey() + " removed");
            } else if (!new TreeSet<>(now).equals(new TreeSet<>(entity.getValue()))) {
                entityChanges.add("entity " + entity.getKey() + " fields " + new TreeSet<>(entity.getValue()) + " -> " + new TreeSet<>(now));
            }
        }
        after.entities().keySet().stream().filter(entity -> !before.hasEntity(entity)).sorted()
                .forEach(entity -> entityChanges.add("entity " + entity + " added"));

        List<String> scopeNames = new ArrayList<>();
        before.scopes().forEach(scope -> scopeNames.add(scope.name()));
        after.scopes().stream().map(PlanScope::name).filter(name -> !scopeNames.contains(name)).forEach(scopeNames::add);

        List<PredicateChange> predicateChanges = new ArrayList<>();
        List<AuthorityChange> authorityChanges = new ArrayList<>();
        for (String name : scopeNames) {
            Optional<PlanScope> old = before.scope(name);
            Optional<PlanScope> now = after.scope(name);
            if (old.isPresent() && now.isPresent() && !old.get().predicate().equals(now.get().predicate())) {
                predicateChanges.add(new PredicateChange(name, old.get().predicate(), now.get().predicate()));
            }
            authorityChanges.addAll(timelineChanges(name, old, now));
        }
        return new PlanDiff(predicateChanges, authorityChanges, entityChanges);
    }

    /** Compares the two timelines interval by interval between all their change instants, merging equal neighbours. */
    private static List<AuthorityChange> timelineChanges(String name, Optional<PlanScope> old, Optional<PlanScope> now) {
        TreeSet<Instant> instants = new TreeSet<>();
        old.ifPresent(scope -> scope.timeline().forEach(entry -> instants.add(entry.effectiveSince())));
        now.ifPresent(scope -> scope.timeline().forEach(entry -> instants.add(entry.effectiveSince())));
        List<Instant> boundaries = new ArrayList<>(instants);
        List<AuthorityChange> changes = new ArrayList<>();
        for (int i = 0; i < boundaries.size(); i++) {
            Instant from = boundaries.get(i);
            Optional<Instant> until = i + 1 < boundaries.size() ? Optional.of(boundaries.get(i + 1)) : Optional.empty();
            Optional<AuthorityDecision> was = old.flatMap(scope -> scope.at(from));
            Optional<AuthorityDecision> is = now.flatMap(scope -> scope.at(from));
            if (sameAuthority(was, is)) {
                continue;
            }
            AuthorityChange previous = changes.isEmpty() ? null : changes.get(changes.size() - 1);
            if (previous != null && previous.until().equals(Optional.of(from))
                    && sameAuthority(previous.before(), was) && sameAuthority(previous.after(), is)) {
                changes.set(changes.size() - 1, new AuthorityChange(name, previous.from(), until, previous.before(), previous.after()));
            } else {
                changes.add(new AuthorityChange(name, from, until, was, is));
            }
        }
        return changes;
    }

    private static boolean sameAuthority(Optional<AuthorityDecision> a, Optional<AuthorityDecision> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() && b.isEmpty();
        }
        return a.get().sameAuthorityAs(b.get());
    }

    public List<AuthorityChange> authorityChanges() {
        return authorityChanges;
    }

    public List<PredicateChange> predicateChanges() {
        return predicateChanges;
    }

    public List<String> entityChanges() {
        return entityChanges;
    }

    public boolean isEmpty() {
        return authorityChanges.isEmpty() && predicateChanges.isEmpty() && entityChanges.isEmpty();
    }

    /** The review text: entity changes, then per scope what moves and when. */
    public String render() {
        if (isEmpty()) {
            return "No change in authority.\n";
        }
        StringBuilder out = new StringBuilder();
        entityChanges.forEach(change -> out.append(change).append('\n'));
        List<String> scopes = new ArrayList<>();
        predicateChanges.forEach(change -> addOnce(scopes, change.scope()));
        authorityChanges.forEach(change -> addOnce(scopes, change.scope()));
        for (String scope : scopes) {
            out.append("scope ").append(scope).append(":\n");
            predicateChanges.stream().filter(change -> change.scope().equals(scope)).forEach(change ->
                    out.append("  where: ").append(change.before()).append(" -> ").append(change.after()).append('\n'));
            authorityChanges.stream().filter(change -> change.scope().equals(scope)).forEach(change ->
                    out.append("  ").append(interval(change)).append(": ").append(describe(change)).append('\n'));
        }
        return out.toString();
    }

    private static void addOnce(List<String> list, String value) {
        if (!list.contains(value)) {
            list.add(value);
        }
    }

    private static String interval(AuthorityChange change) {
        return "from " + change.from() + change.until().map(until -> " until " + until).orElse(" on");
    }

    private static String describe(AuthorityChange change) {
        if (change.before().isEmpty()) {
            return "new: " + summary(change.after().orElseThrow());
        }
        if (change.after().isEmpty()) {
            return "removed (was " + summary(change.before().orElseThrow()) + "); its records fall to the next less specific scope";
        }
        AuthorityDecision was = change.before().get();
        AuthorityDecision is = change.after().get();
        List<String> parts = new ArrayList<>();
        attribute(parts, "phase", AuthorityTable.phase(was.phase()), AuthorityTable.phase(is.phase()));
        attribute(parts, PlanParser.SYSTEM_OF_RECORD, AuthorityTable.side(was.systemOfRecord()), AuthorityTable.side(is.systemOfRecord()));
        attribute(parts, PlanParser.WRITE_AUTHORITY, AuthorityTable.side(was.writeAuthority()), AuthorityTable.side(is.writeAuthority()));
        attribute(parts, PlanParser.PUBLISHER, AuthorityTable.side(was.publisher()), AuthorityTable.side(is.publisher()));
        attribute(parts, PlanParser.CONFLICT, PlanParser.label(was.conflictRule()), PlanParser.label(is.conflictRule()));
        return String.join(", ", parts);
    }

    private static void attribute(List<String> parts, String name, String was, String is) {
        if (!Objects.equals(was, is)) {
            parts.add(name + " " + was + " -> " + is);
        }
    }

    private static String summary(AuthorityDecision decision) {
        return "phase " + AuthorityTable.phase(decision.phase())
                + ", " + PlanParser.SYSTEM_OF_RECORD + " " + AuthorityTable.side(decision.systemOfRecord())
                + ", " + PlanParser.WRITE_AUTHORITY + " " + AuthorityTable.side(decision.writeAuthority())
                + ", " + PlanParser.PUBLISHER + " " + AuthorityTable.side(decision.publisher())
                + ", " + PlanParser.CONFLICT + " " + PlanParser.label(decision.conflictRule());
    }
}
