package dev.strangler.connect.reconcile.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.strangler.connect.reconcile.compare.FieldDifference;
import dev.strangler.connect.reconcile.compare.FieldPair;
import dev.strangler.connect.reconcile.compare.Outcome;

class FindingMaskerTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private static Finding finding() {
        return new Finding("run", "conn", "policy", CheckLevel.RECORD, Outcome.MISMATCH, "field-compare", "P-1", List.of("P-1"),
                Map.of("holder", "Ann Smith", "iban", "DE001", "premium", "10"),
                Map.of("holder_name", "Ann Smyth", "iban_no", "DE002", "premium", "10"),
                List.of(new FieldDifference("iban", "iban_no", "DE001", "DE002", "values differ"),
                        new FieldDifference("holder", "holder_name", "Ann Smith", "Ann Smyth", "values differ")),
                null, null, null, NOW, NOW);
    }

    @Test
    void masksValuesOfSensitiveFieldsOnBothSidesAndInTheDiffKeepingNames() {
        FindingMasker masker = new FindingMasker(Set.of("iban", "holder"),
                List.of(new FieldPair("holder", "holder_name"), new FieldPair("iban", "iban_no"), new FieldPair("premium", "premium")));

        Finding masked = masker.mask(finding());

        assertThat(masked.sourceVersion()).containsEntry("iban", "****").containsEntry("holder", "****").containsEntry("premium", "10");
        assertThat(masked.targetVersion()).containsEntry("iban_no", "****").containsEntry("holder_name", "****").containsEntry("premium", "10");
        assertThat(masked.differences()).extracting(FieldDifference::field, FieldDifference::sourceValue, FieldDifference::targetValue, FieldDifference::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("iban", "****", "****", "values differ"),
                        org.assertj.core.groups.Tuple.tuple("holder", "****", "****", "values differ"));
        assertThat(EvidenceJson.version(masked.sourceVersion())).doesNotContain("DE001", "Ann");
        assertThat(masked.summary()).isEqualTo("mismatch of policy key P-1 on iban, holder");
    }

    @Test
    void nothingToMaskLeavesTheFindingAsItIs() {
        Finding finding = finding();
        assertThat(new FindingMasker(Set.of(), List.of()).mask(finding)).isSameAs(finding);
    }
}
