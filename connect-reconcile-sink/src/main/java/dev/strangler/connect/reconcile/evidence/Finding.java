package dev.strangler.connect.reconcile.evidence;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.strangler.connect.core.plan.AuthorityDecision;
import dev.strangler.connect.reconcile.compare.FieldDifference;
import dev.strangler.connect.reconcile.compare.Outcome;
import dev.strangler.connect.reconcile.stream.RecordOrigin;

/**
 * A confirmed divergence between the two systems: the evidence an operator acts on (repair, investigate a mapping
 * bug) and an auditor reads. Both versions are kept as they were compared; sensitive fields are masked before a
 * finding leaves the task ({@link FindingMasker}).
 *
 * @param rule          the check that found it: {@code field-compare}, {@code existence}, {@code range-checksum}
 * @param rowKey        the business key as text
 * @param sourceVersion the source's values by field (null when missing in source)
 * @param targetVersion the target's values by column (null when missing in target)
 * @param origin        the record that showed the difference (null for state-level findings)
 * @param keyRange      the smallest differing key range a state-level check narrowed the finding to (else null)
 * @param authority     what the migration plan said about the record's scope (null without a plan)
 */
public record Finding(String runId, String connector, String scope, CheckLevel level, Outcome kind, String rule,
                      String rowKey, List<Object> keyValues, Map<String, Object> sourceVersion,
                      Map<String, Object> targetVersion, List<FieldDifference> differences, RecordOrigin origin,
                      String keyRange, AuthorityDecision authority, Instant firstSeen, Instant confirmedAt) {

    public Finding {
        differences = List.copyOf(differences);
        keyValues = keyValues == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(keyValues));
    }

    /** A one-line description without any field value: safe for logs and record headers. */
    public String summary() {
        StringBuilder text = new StringBuilder(kind.label()).append(" of ").append(scope).append(" key ").append(rowKey);
        if (!differences.isEmpty()) {
            text.append(" on ");
            text.append(String.join(", ", differences.stream().map(FieldDifference::field).toList()));
        }
        return text.toString();
    }
}
