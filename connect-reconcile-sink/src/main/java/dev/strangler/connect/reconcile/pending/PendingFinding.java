package dev.strangler.connect.reconcile.pending;

import java.time.Instant;

import dev.strangler.connect.reconcile.compare.Outcome;
import dev.strangler.connect.reconcile.stream.SourceRow;

/**
 * A difference seen once and not yet believed: the record's version is kept until {@code dueAt}, when the target is
 * looked up again. Lag explains most first differences, so only one that survives the re-check becomes evidence.
 *
 * @param row       the newest record version seen for the key
 * @param outcome   what the first comparison concluded (mismatch or missing in target)
 * @param firstSeen when a difference for this key was first seen (kept across newer versions, for evidence)
 * @param dueAt     when to look again: the newest version's arrival plus the grace period
 * @param checks    how many comparisons have seen this key differ
 */
public record PendingFinding(SourceRow row, Outcome outcome, Instant firstSeen, Instant dueAt, int checks) {
}
