package dev.strangler.connect.reconcile.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares one record's fields with its counterpart row, field by field through the identity mapping, under the
 * {@link ComparisonRules}. Pure and Connect-free: the sink task, the pending re-check and the state-level scan all
 * come here, so a rule means the same thing wherever a difference was found.
 */
public final class RecordComparer {

    private final ComparisonRules rules;
    private final FieldComparator fields;

    public RecordComparer(ComparisonRules rules) {
        this.rules = rules;
        this.fields = new FieldComparator(rules);
    }

    public ComparisonRules rules() {
        return rules;
    }

    /**
     * @param pairs  the compared fields and their target columns (ignored fields are skipped here)
     * @param source the record's values by field name, or null when the source has no such row
     * @param target the counterpart's values by column name, or null when the target has no such row
     */
    public Comparison compare(List<FieldPair> pairs, Map<String, ?> source, Map<String, ?> target) {
        if (source == null && target == null) {
            return Comparison.MATCH;
        }
        if (target == null) {
            return Comparison.MISSING_IN_TARGET;
        }
        if (source == null) {
            return Comparison.MISSING_IN_SOURCE;
        }
        List<FieldDifference> differences = new ArrayList<>();
        for (FieldPair pair : pairs) {
            if (rules.ignores(pair.field())) {
                continue;
            }
            FieldComparator.Verdict verdict = fields.compare(pair.field(), source.get(pair.field()), target.get(pair.column()));
            verdict.reason().ifPresent(reason -> differences.add(
                    new FieldDifference(pair.field(), pair.column(), verdict.source(), verdict.target(), reason)));
        }
        return Comparison.of(differences);
    }
}
