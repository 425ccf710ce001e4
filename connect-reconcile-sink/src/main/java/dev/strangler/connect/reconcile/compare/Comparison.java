package dev.strangler.connect.reconcile.compare;

import java.util.List;

/** The result of comparing one record with its counterpart: an outcome and, for a mismatch, the field diff. */
public record Comparison(Outcome outcome, List<FieldDifference> differences) {

    public static final Comparison MATCH = new Comparison(Outcome.MATCH, List.of());
    public static final Comparison MISSING_IN_TARGET = new Comparison(Outcome.MISSING_IN_TARGET, List.of());
    public static final Comparison MISSING_IN_SOURCE = new Comparison(Outcome.MISSING_IN_SOURCE, List.of());

    public Comparison {
        differences = List.copyOf(differences);
    }

    public static Comparison of(List<FieldDifference> differences) {
        return differences.isEmpty() ? MATCH : new Comparison(Outcome.MISMATCH, differences);
    }

    public boolean matches() {
        return outcome == Outcome.MATCH;
    }
}
