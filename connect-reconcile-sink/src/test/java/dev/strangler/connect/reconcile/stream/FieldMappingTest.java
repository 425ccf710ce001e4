package dev.strangler.connect.reconcile.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.strangler.connect.core.sql.SqlIdentifier;
import dev.strangler.connect.reconcile.compare.FieldPair;

class FieldMappingTest {

    /** Target columns as a catalogue spells them: lower case. */
    private static Optional<SqlIdentifier> column(String field) {
        return Set.of("id", "holder", "premium", "updated_at", "version").contains(field.toLowerCase())
                ? Optional.of(SqlIdentifier.of(field.toLowerCase())) : Optional.empty();
    }

    private final FieldMapping implicit = new FieldMapping(List.of(new FieldPair("id", "id")), List.of(), Set.of("updated_at"),
            FieldMappingTest::column, Optional.of(new VersionGuard("version", "version")));

    @Test
    void withoutListedFieldsEverySameNamedColumnIsComparedExceptKeyAndIgnored() {
        Set<String> fields = Set.of("id", "Holder", "premium", "updated_at", "nickname");

        assertThat(implicit.pairsFor(fields)).containsExactly(new FieldPair("Holder", "holder"), new FieldPair("premium", "premium"));
        assertThat(implicit.unmatchedFields(fields)).containsExactly("nickname");
        assertThat(implicit.valueColumns(implicit.pairsFor(fields)))
                .containsExactly(SqlIdentifier.of("holder"), SqlIdentifier.of("premium"), SqlIdentifier.of("version"));
    }

    @Test
    void listedFieldsAreComparedAsListed() {
        FieldMapping explicit = new FieldMapping(List.of(new FieldPair("policyNo", "id")), List.of(new FieldPair("amount", "premium")),
                Set.of(), FieldMappingTest::column, Optional.empty());

        assertThat(explicit.pairsFor(Set.of("policyNo", "amount", "other"))).containsExactly(new FieldPair("amount", "premium"));
        assertThat(explicit.keyColumns()).containsExactly(SqlIdentifier.of("id"));
        assertThat(explicit.keyFields()).containsExactly("policyNo");
    }

    @Test
    void aTargetWithANewerVersionMakesTheRecordStale() {
        VersionGuard counter = new VersionGuard("version", "version");
        assertThat(counter.targetIsNewer(Map.of("version", 3L), Map.of("version", 4))).isTrue();
        assertThat(counter.targetIsNewer(Map.of("version", 4L), Map.of("version", new BigDecimal("4")))).isFalse();
        assertThat(counter.targetIsNewer(Map.of("version", 5L), Map.of("version", 4))).isFalse();
        assertThat(counter.targetIsNewer(Map.of("version", 5L), null)).isFalse();

        VersionGuard modified = new VersionGuard("modified", "modified_at");
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(modified.targetIsNewer(Map.of("modified", t), Map.of("modified_at", t.plusMillis(1)))).isTrue();
        assertThat(modified.targetIsNewer(Map.of("modified", t), Map.of("modified_at", "not a time"))).isFalse();
    }

    @Test
    void onlyTheLastRecordOfAKeyInABatchIsCompared() {
        SourceRow first = SourceRow.of(List.of(1L), Map.of("v", 1), new RecordOrigin("t", 0, 10));
        SourceRow other = SourceRow.of(List.of(2L), Map.of("v", 1), new RecordOrigin("t", 0, 11));
        SourceRow second = SourceRow.of(List.of(1L), Map.of("v", 2), new RecordOrigin("t", 0, 12));

        assertThat(StreamReconciler.latestPerKey(List.of(first, other, second))).containsExactly(other, second);
    }
}
