package dev.strangler.connect.reconcile.stream;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.strangler.connect.reconcile.lookup.RowKey;

/**
 * Which keys of the connector have a pending finding, as far as this task knows without asking the database, so
 * that a batch whose records all agree does not cost a {@code DELETE} round trip when none of its keys is pending
 * (the usual case).
 *
 * <p>It is exact as long as every pending row of a key the task can receive was written or read by this task: a
 * key stays in one partition, and a partition's records are only handled by the task it is assigned to. So the set
 * is loaded from the pending table at start, and forgotten (every key possibly pending) when the assignment changes
 * until it is loaded again; rows other tasks write meanwhile belong to partitions this task does not hold. Above
 * {@code limit} keys the task stops tracking them and every agreeing key is deleted as before.
 */
public final class KnownPendingKeys {

    private final int limit;
    private Set<String> keys; // null: unknown, every key may be pending

    public KnownPendingKeys(int limit) {
        this.limit = limit;
    }

    /** What the pending table holds for the connector now; empty when it holds more than the limit. */
    public void load(Optional<Set<String>> pending) {
        keys = pending.filter(k -> k.size() <= limit).map(HashSet::new).orElse(null);
    }

    /** The assignment changed: rows of newly assigned partitions may be pending unknown to this task. */
    public void forget() {
        keys = null;
    }

    public boolean isKnown() {
        return keys != null;
    }

    /** The keys among these that may have a pending row (all of them when the set is not known). */
    public List<RowKey> possiblyPending(List<RowKey> candidates) {
        if (keys == null) {
            return candidates;
        }
        if (keys.isEmpty()) {
            return List.of();
        }
        return candidates.stream().filter(k -> keys.contains(k.text())).toList();
    }

    public void added(Collection<RowKey> pending) {
        if (keys == null) {
            return;
        }
        pending.forEach(k -> keys.add(k.text()));
        if (keys.size() > limit) {
            keys = null;
        }
    }

    public void removed(Collection<RowKey> done) {
        if (keys != null) {
            done.forEach(k -> keys.remove(k.text()));
        }
    }
}
