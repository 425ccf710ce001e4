package dev.strangler.connect.reconcile.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.strangler.connect.reconcile.lookup.RowKey;

class KnownPendingKeysTest {

    private static final RowKey ONE = RowKey.of(List.of(1L));
    private static final RowKey TWO = RowKey.of(List.of(2L));
    private static final RowKey THREE = RowKey.of(List.of(3L));

    @Test
    void beforeLoadingEveryKeyMayBePending() {
        KnownPendingKeys keys = new KnownPendingKeys(10);

        assertThat(keys.isKnown()).isFalse();
        assertThat(keys.possiblyPending(List.of(ONE, TWO))).containsExactly(ONE, TWO);
    }

    @Test
    void onceLoadedOnlyPendingKeysAreCandidatesAndTheSetFollowsWritesAndDeletes() {
        KnownPendingKeys keys = new KnownPendingKeys(10);
        keys.load(Optional.of(Set.of(ONE.text())));

        assertThat(keys.possiblyPending(List.of(ONE, TWO, THREE))).containsExactly(ONE);
        keys.added(List.of(THREE));
        assertThat(keys.possiblyPending(List.of(ONE, TWO, THREE))).containsExactly(ONE, THREE);
        keys.removed(List.of(ONE, THREE));
        assertThat(keys.possiblyPending(List.of(ONE, TWO, THREE))).isEmpty();
    }

    @Test
    void anAssignmentChangeForgetsTheSetUntilItIsLoadedAgain() {
        KnownPendingKeys keys = new KnownPendingKeys(10);
        keys.load(Optional.of(Set.of()));

        keys.forget();
        assertThat(keys.possiblyPending(List.of(TWO))).containsExactly(TWO);
        keys.load(Optional.of(Set.of(TWO.text())));
        assertThat(keys.possiblyPending(List.of(ONE, TWO))).containsExactly(TWO);
    }

    @Test
    void beyondTheLimitTheTaskStopsTrackingAndDeletesEveryAgreeingKey() {
        KnownPendingKeys keys = new KnownPendingKeys(2);
        keys.load(Optional.of(Set.of(ONE.text())));

        keys.added(List.of(TWO, THREE));
        assertThat(keys.isKnown()).isFalse();
        assertThat(keys.possiblyPending(List.of(ONE, TWO, THREE))).containsExactly(ONE, TWO, THREE);
        keys.load(Optional.empty()); // the table holds more than the limit
        assertThat(keys.isKnown()).isFalse();
    }
}
