package dev.strangler.connect.reconcile.stream;

import java.util.List;

import dev.strangler.connect.reconcile.evidence.Finding;

/**
 * What one batch produced for the task to report: findings confirmed by the re-check (masked, for the mismatch
 * topic) and records whose key the target store refused to look up (for the dead-letter path).
 */
public record ReconcileResult(List<Finding> confirmed, List<RejectedRow> rejected) {

    /** A record whose lookup failed on its own data; {@code reason} carries no value (SQLSTATE only). */
    public record RejectedRow(SourceRow row, String reason) {
    }

    public ReconcileResult {
        confirmed = List.copyOf(confirmed);
        rejected = List.copyOf(rejected);
    }
}
