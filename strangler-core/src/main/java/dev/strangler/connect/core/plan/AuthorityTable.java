package dev.strangler.connect.core.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A plan's authority at one instant as a plain-text table, one row per scope in force, for reviewers and
 * operators: what {@code bin/plan-review table} prints.
 */
public final class AuthorityTable {

    private static final List<String> HEADINGS = List.of("SCOPE", "ENTITY", "WHERE", "PHASE", "SYSTEM OF RECORD",
            "WRITE AUTHORITY", "PUBLISHER", "CONFLICT", "SINCE");

    private AuthorityTable() {
    }

    public static String render(MigrationPlan plan, Instant at) {
        StringBuilder out = new StringBuilder();
        out.append("Authority at ").append(at).append(plan.name().map(n -> " (plan " + n + ")").orElse("")).append('\n');
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADINGS);
        List<String> notYet = new ArrayList<>();
        for (PlanScope scope : plan.scopes()) {
            Optional<AuthorityDecision> decision = scope.at(at);
            if (decision.isEmpty()) {
                notYet.add(scope.name() + " (from " + scope.start() + ")");
                continue;
            }
            AuthorityDecision d = decision.get();
            rows.add(List.of(scope.name(), scope.entity(), scope.predicate().toString(), phase(d.phase()),
                    side(d.systemOfRecord()), side(d.writeAuthority()), side(d.publisher()), PlanParser.label(d.conflictRule()),
                    d.effectiveSince().toString()));
        }
        out.append(columns(rows));
        if (!notYet.isEmpty()) {
            out.append("Not yet in force: ").append(String.join(", ", notYet)).append('\n');
        }
        plan.changeInstants().stream().filter(instant -> instant.isAfter(at)).findFirst()
                .ifPresentOrElse(next -> out.append("Next change: ").append(next).append(" (")
                                .append(String.join(", ", scopesChangingAt(plan, next))).append(")\n"),
                        () -> out.append("No later change in this plan.\n"));
        return out.toString();
    }

    static String phase(Phase phase) {
        return phase.number() + " " + phase.label();
    }

    static String side(Side side) {
        return PlanParser.label(side);
    }

    private static List<String> scopesChangingAt(MigrationPlan plan, Instant instant) {
        return plan.scopes().stream()
                .filter(scope -> scope.timeline().stream().anyMatch(entry -> entry.effectiveSince().equals(instant)))
                .map(PlanScope::name).toList();
    }

    /** Left-aligned columns separated by two spaces, trailing blanks trimmed. */
    static String columns(List<List<String>> rows) {
        int[] widths = new int[rows.get(0).size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(row.get(i));
                if (i < row.size() - 1) {
                    line.append(" ".repeat(widths[i] - row.get(i).length() + 2));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
