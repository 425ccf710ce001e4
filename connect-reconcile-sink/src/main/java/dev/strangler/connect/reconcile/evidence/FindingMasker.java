package dev.strangler.connect.reconcile.evidence;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.strangler.connect.reconcile.compare.FieldDifference;
import dev.strangler.connect.reconcile.compare.FieldPair;

/**
 * Replaces the values of sensitive fields (personal data, secrets) in a finding's versions and differences before
 * it is written anywhere, keeping the field names: the evidence still says <em>which</em> field differs, never what
 * it held. A field is masked by its record name and by its mapped target column.
 */
public final class FindingMasker {

    public static final String MASK = "****";

    private final Set<String> maskedFields;
    private final Set<String> maskedColumns;

    public FindingMasker(Set<String> maskedFields, List<FieldPair> pairs) {
        this.maskedFields = Set.copyOf(maskedFields);
        this.maskedColumns = pairs.stream().filter(p -> maskedFields.contains(p.field())).map(FieldPair::column)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    public Finding mask(Finding finding) {
        if (maskedFields.isEmpty()) {
            return finding;
        }
        List<FieldDifference> differences = finding.differences().stream()
                .map(d -> maskedFields.contains(d.field())
                        ? new FieldDifference(d.field(), d.column(), masked(d.sourceValue()), masked(d.targetValue()), d.reason())
                        : d)
                .toList();
        return new Finding(finding.runId(), finding.connector(), finding.scope(), finding.level(), finding.kind(),
                finding.rule(), finding.rowKey(), finding.keyValues(), mask(finding.sourceVersion(), maskedFields),
                mask(finding.targetVersion(), maskedColumns), differences, finding.origin(), finding.keyRange(), finding.authority(), finding.firstSeen(),
                finding.confirmedAt());
    }

    private static Object masked(Object value) {
        return value == null ? null : MASK;
    }

    private static Map<String, Object> mask(Map<String, Object> version, Set<String> names) {
        if (version == null) {
            return null;
        }
        Map<String, Object> copy = new HashMap<>(version);
        copy.replaceAll((name, value) -> names.contains(name) ? masked(value) : value);
        return copy;
    }
}
