package dev.strangler.connect.core.identity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * A bounded, least-recently-used cache in front of a {@link CrossReferenceLookup}. Only found ids are cached: a
 * cross-reference, once recorded, does not change, whereas a key not found yet may be recorded a moment later
 * (so caching misses would hide new aggregates). Thread-safe.
 */
public final class CachingCrossReferenceLookup implements CrossReferenceLookup {

    private final CrossReferenceLookup delegate;
    private final Map<List<?>, String> cache;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    public CachingCrossReferenceLookup(CrossReferenceLookup delegate, int maxEntries) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1 but is " + maxEntries);
        }
        this.cache = new LinkedHashMap<>(Math.min(maxEntries, 1024), 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<List<?>, String> eldest) {
                return size() > maxEntries;
            }
        };
    }

    @Override
    public Optional<String> find(List<?> legacyKey) {
        List<?> key = List.copyOf(legacyKey);
        synchronized (cache) {
            String cached = cache.get(key);
            if (cached != null) {
                hits.increment();
                return Optional.of(cached);
            }
        }
        misses.increment();
        // the delegate is called outside the lock: a slow query must not block lookups of cached keys
        Optional<String> found = delegate.find(key);
        found.ifPresent(id -> {
            synchronized (cache) {
                cache.put(key, id);
            }
        });
        return found;
    }

    /** Lookups answered from the cache. */
    public long hits() {
        return hits.sum();
    }

    /** Lookups that went to the table. */
    public long misses() {
        return misses.sum();
    }

    public int size() {
        synchronized (cache) {
            return cache.size();
        }
    }

    @Override
    public void close() {
        delegate.close();
    }
}
