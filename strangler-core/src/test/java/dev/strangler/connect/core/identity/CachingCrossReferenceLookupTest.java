package dev.strangler.connect.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class CachingCrossReferenceLookupTest {

    /** An in-memory cross-reference table that records which keys were asked for. */
    private static final class RecordingTable implements CrossReferenceLookup {
        final Map<List<?>, String> rows = new HashMap<>();
        final List<List<?>> queries = new ArrayList<>();
        boolean closed;

        @Override
        public Optional<String> find(List<?> legacyKey) {
            queries.add(legacyKey);
            return Optional.ofNullable(rows.get(legacyKey));
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void cachesFoundIdsAndEvictsTheLeastRecentlyUsed() {
        RecordingTable table = new RecordingTable();
        table.rows.put(List.of("P-1"), "id-1");
        table.rows.put(List.of("P-2"), "id-2");
        table.rows.put(List.of("P-3"), "id-3");
        CachingCrossReferenceLookup lookup = new CachingCrossReferenceLookup(table, 2);

        assertThat(lookup.find(List.of("P-1"))).contains("id-1");
        assertThat(lookup.find(List.of("P-2"))).contains("id-2");
        assertThat(lookup.find(List.of("P-1"))).contains("id-1");   // hit; P-2 is now least recently used
        assertThat(lookup.find(List.of("P-3"))).contains("id-3");   // evicts P-2
        assertThat(lookup.find(List.of("P-2"))).contains("id-2");   // queried again

        assertThat(table.queries).containsExactly(List.of("P-1"), List.of("P-2"), List.of("P-3"), List.of("P-2"));
        assertThat(lookup.hits()).isEqualTo(1);
        assertThat(lookup.misses()).isEqualTo(4);
        assertThat(lookup.size()).isEqualTo(2);
    }

    @Test
    void missesAreNotCachedSoNewCrossReferencesAreSeen() {
        RecordingTable table = new RecordingTable();
        CachingCrossReferenceLookup lookup = new CachingCrossReferenceLookup(table, 10);

        assertThat(lookup.find(List.of("P-9"))).isEmpty();
        table.rows.put(List.of("P-9"), "id-9");
        assertThat(lookup.find(List.of("P-9"))).contains("id-9");

        lookup.close();
        assertThat(table.closed).isTrue();
    }

    @Test
    void sizeMustBePositive() {
        assertThatThrownBy(() -> new CachingCrossReferenceLookup(new RecordingTable(), 0))
                .hasMessage("maxEntries must be at least 1 but is 0");
    }
}
