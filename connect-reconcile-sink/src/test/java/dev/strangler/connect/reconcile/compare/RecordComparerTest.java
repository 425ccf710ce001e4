package dev.strangler.connect.reconcile.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RecordComparerTest {

    private static final List<FieldPair> PAIRS = List.of(
            new FieldPair("policyNo", "policy_number"),
            new FieldPair("holder", "holder_name"),
            new FieldPair("premium", "premium"),
            new FieldPair("modifiedBy", "modified_by"));

    private final RecordComparer comparer = new RecordComparer(ComparisonRules.builder()
            .ignore(Set.of("modifiedBy"))
            .absoluteTolerance(Map.of("premium", new BigDecimal("0.01")))
            .build());

    private static Map<String, Object> source(String holder, String premium) {
        Map<String, Object> row = new HashMap<>();
        row.put("policyNo", "P-1");
        row.put("holder", holder);
        row.put("premium", new BigDecimal(premium));
        row.put("modifiedBy", "batch");
        return row;
    }

    private static Map<String, Object> target(String holder, String premium) {
        Map<String, Object> row = new HashMap<>();
        row.put("policy_number", "P-1");
        row.put("holder_name", holder);
        row.put("premium", new BigDecimal(premium));
        row.put("modified_by", "someone else");
        return row;
    }

    @Test
    void agreeingRowsMatchThroughTheMapping() {
        assertThat(comparer.compare(PAIRS, source("Ann", "10.00"), target("Ann", "10.01"))).isEqualTo(Comparison.MATCH);
    }

    @Test
    void reportsEveryDifferingFieldWithItsColumnAndBothValues() {
        Comparison comparison = comparer.compare(PAIRS, source("Ann", "10.00"), target("Bob", "12.50"));

        assertThat(comparison.outcome()).isEqualTo(Outcome.MISMATCH);
        assertThat(comparison.differences()).containsExactly(
                new FieldDifference("holder", "holder_name", "Ann", "Bob", "values differ"),
                new FieldDifference("premium", "premium", new BigDecimal("10.00"), new BigDecimal("12.50"),
                        "values differ by 2.5, beyond tolerance absolute 0.01"));
    }

    @Test
    void ignoredFieldsNeverDiffer() {
        Map<String, Object> target = target("Ann", "10.00");
        target.put("modified_by", null);

        assertThat(comparer.compare(PAIRS, source("Ann", "10.00"), target).matches()).isTrue();
    }

    @Test
    void anAbsentCounterpartIsMissingInTarget() {
        assertThat(comparer.compare(PAIRS, source("Ann", "1"), null).outcome()).isEqualTo(Outcome.MISSING_IN_TARGET);
    }

    @Test
    void aRowOnlyInTheTargetIsMissingInSource() {
        assertThat(comparer.compare(PAIRS, null, target("Ann", "1")).outcome()).isEqualTo(Outcome.MISSING_IN_SOURCE);
    }

    @Test
    void aFieldAbsentFromTheRecordComparesAsNull() {
        Map<String, Object> source = source("Ann", "10.00");
        source.remove("holder");

        assertThat(comparer.compare(PAIRS, source, target("Ann", "10.00")).differences())
                .extracting(FieldDifference::field, FieldDifference::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("holder", "null in source"));
    }
}
