package dev.strangler.connect.core.identity;

import java.util.List;
import java.util.Optional;

/**
 * Finds the domain id that a cross-reference table (legacy key -> domain id) records for a legacy key: the
 * alternative to {@link DomainIdentity} when the new system already minted its own ids. Wrap an implementation in
 * {@link CachingCrossReferenceLookup} so that a hot aggregate costs one query, not one per change.
 */
public interface CrossReferenceLookup extends AutoCloseable {

    /**
     * The domain id recorded for the legacy key (values in key column order), or empty when none is recorded yet.
     *
     * @throws CrossReferenceUnavailableException when the table cannot be reached now; the caller retries
     */
    Optional<String> find(List<?> legacyKey);

    @Override
    default void close() {
    }
}
