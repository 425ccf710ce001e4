package dev.strangler.connect.reconcile.compare;

/**
 * What one comparison of a record with its counterpart concluded. Only {@link #MATCH} is silent; the others become
 * pending findings (lag may explain them) and, if they persist past the grace window, confirmed evidence.
 */
public enum Outcome {
    /** Both sides agree on every compared field under the rules. */
    MATCH,
    /** The counterpart exists but at least one compared field differs beyond its tolerance. */
    MISMATCH,
    /** The record has no counterpart in the target store. */
    MISSING_IN_TARGET,
    /** The target store has a row the source does not (only state-level scans can see this). */
    MISSING_IN_SOURCE;

    /** The kebab-case name used in evidence rows, metric tags and record headers. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
