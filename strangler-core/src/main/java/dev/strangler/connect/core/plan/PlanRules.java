package dev.strangler.connect.core.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.strangler.connect.core.plan.PlanParser.IndexedScope;

/**
 * The rules that make a plan unambiguous, checked when it is parsed so that a bad plan never reaches a connector:
 *
 * <ul>
 *   <li><b>No gaps.</b> Every declared entity has exactly one catch-all scope (no {@code where}), and no scope of
 *       the entity starts before it: at every instant the plan governs an entity, every record has an owner.</li>
 *   <li><b>No ambiguous overlaps.</b> Two scopes of an entity that can match the same record must be nested: one's
 *       predicate is contained in the other's, and the inner, more specific one decides. Overlapping scopes where
 *       neither contains the other, or two scopes with the same predicate, are a tie and rejected.</li>
 *   <li><b>No contradictory entries.</b> The attributes of a timeline entry must fit its phase (see
 *       {@link #checkCombination}).</li>
 * </ul>
 * Effective times increasing strictly within a timeline is checked while reading it.
 */
final class PlanRules {

    private PlanRules() {
    }

    static List<PlanError> check(Map<String, List<String>> entities, List<IndexedScope> scopes) {
        List<PlanError> errors = new ArrayList<>();
        for (String entity : entities.keySet()) {
            List<IndexedScope> ofEntity = scopes.stream().filter(s -> s.scope().entity().equals(entity)).toList();
            checkCatchAll(entity, ofEntity, errors);
            checkOverlaps(ofEntity, errors);
        }
        return errors;
    }

    private static void checkCatchAll(String entity, List<IndexedScope> scopes, List<PlanError> errors) {
        List<IndexedScope> catchAlls = scopes.stream().filter(s -> s.scope().predicate().isCatchAll()).toList();
        if (catchAlls.isEmpty()) {
            errors.add(new PlanError("entities." + entity, "no catch-all scope (one without 'where') for this entity: "
                    + "records that match none of its scopes would have no owner"));
            return;
        }
        // More than one catch-all is reported as identical predicates by checkOverlaps.
        IndexedScope catchAll = catchAlls.get(0);
        Instant start = catchAll.scope().start();
        for (IndexedScope scope : scopes) {
            if (scope.scope().start().isBefore(start)) {
                errors.add(new PlanError(scope.path() + ".effective[0].from", "scope '" + scope.scope().name()
                        + "' starts at " + scope.scope().start() + ", before the catch-all scope '" + catchAll.scope().name()
                        + "' (" + start + "): other " + entity + " records would have no owner in between"));
            }
        }
    }

    private static void checkOverlaps(List<IndexedScope> scopes, List<PlanError> errors) {
        for (int j = 1; j < scopes.size(); j++) {
            for (int i = 0; i < j; i++) {
                IndexedScope earlier = scopes.get(i);
                IndexedScope later = scopes.get(j);
                ScopePredicate a = earlier.scope().predicate();
                ScopePredicate b = later.scope().predicate();
                boolean aInB = a.isWithin(b);
                boolean bInA = b.isWithin(a);
                if (aInB && bInA) {
                    errors.add(new PlanError(later.path() + ".where", "covers exactly the same records as scope '"
                            + earlier.scope().name() + "' (" + earlier.path() + "): which one decides would be a tie"));
                } else if (!aInB && !bInA && a.overlaps(b)) {
                    errors.add(new PlanError(later.path() + ".where", "overlaps scope '" + earlier.scope().name() + "' ("
                            + earlier.path() + ") without either containing the other: records matching both ("
                            + b + " and " + a + ") would have two owners; make the scopes disjoint, or nest one inside the other"));
                }
            }
        }
    }

    /**
     * Attributes that contradict the phase, with the reason a user needs:
     * <ul>
     *   <li>phase 1 (mirror): legacy is system of record, write authority and publisher; the service is only a mirror,
     *       so {@code service-wins} cannot be the conflict rule;</li>
     *   <li>phase 3+ (write ownership shifted): write authority is the service and {@code legacy-wins} is
     *       impossible, since legacy writes are violations;</li>
     *   <li>phase 4+ (reads retired): the service is system of record and publisher;</li>
     *   <li>any phase: the service holding write authority while legacy publishes would lose the service's changes:
     *       they reach legacy only through the legacy sink, whose writes the ACL drops as its own.</li>
     * </ul>
     */
    static List<PlanError> checkCombination(AuthorityDecision entry, String path) {
        List<PlanError> errors = new ArrayList<>();
        Phase phase = entry.phase();
        if (phase == Phase.MIRROR) {
            requireSide(entry.systemOfRecord(), Side.LEGACY, PlanParser.SYSTEM_OF_RECORD, "the service only mirrors legacy", phase, path, errors);
            requireSide(entry.writeAuthority(), Side.LEGACY, PlanParser.WRITE_AUTHORITY, "the service only mirrors legacy", phase, path, errors);
            requireSide(entry.publisher(), Side.LEGACY, PlanParser.PUBLISHER, "the service only mirrors legacy", phase, path, errors);
            if (entry.conflictRule() == ConflictRule.SERVICE_WINS) {
                errors.add(new PlanError(path + "." + PlanParser.CONFLICT, "service-wins contradicts phase " + phase
                        + ": the service only mirrors legacy"));
            }
        }
        if (phase.isAtLeast(Phase.WRITE_OWNERSHIP_SHIFTED)) {
            requireSide(entry.writeAuthority(), Side.SERVICE, PlanParser.WRITE_AUTHORITY,
                    "from phase 3 on the service owns writes and legacy writes are violations", phase, path, errors);
            if (entry.conflictRule() == ConflictRule.LEGACY_WINS) {
                errors.add(new PlanError(path + "." + PlanParser.CONFLICT, "legacy-wins contradicts phase " + phase
                        + ": from phase 3 on legacy writes are violations, so legacy cannot win a conflict"));
            }
        }
        if (phase.isAtLeast(Phase.READS_RETIRED)) {
            requireSide(entry.systemOfRecord(), Side.SERVICE, PlanParser.SYSTEM_OF_RECORD,
                    "from phase 4 on consumers read the service", phase, path, errors);
            requireSide(entry.publisher(), Side.SERVICE, PlanParser.PUBLISHER,
                    "from phase 4 on consumers read the service", phase, path, errors);
        }
        if (entry.writeAuthority() == Side.SERVICE && entry.publisher() == Side.LEGACY
                && errors.stream().noneMatch(e -> e.path().endsWith("." + PlanParser.PUBLISHER))) {
            errors.add(new PlanError(path + "." + PlanParser.PUBLISHER, "legacy cannot publish what the service writes: "
                    + "the service's changes reach legacy only through the legacy sink, whose writes the ACL drops as its "
                    + "own; make the service the publisher"));
        }
        return errors;
    }

    private static void requireSide(Side actual, Side required, String key, String why, Phase phase, String path,
                                    List<PlanError> errors) {
        if (actual != required) {
            errors.add(new PlanError(path + "." + key, PlanParser.label(actual) + " contradicts phase " + phase
                    + ": " + key + " must be " + PlanParser.label(required) + " (" + why + ")"));
        }
    }
}
