package dev.strangler.connect.legacy.guard;

/** Which of two writes of the same row, in one statement group, decides the row's final state. */
public enum ReductionRule {
    /** The write with the newest version decides; equal versions are duplicates (guarded writes). */
    NEWEST_WINS,
    /** The later write decides (unguarded upsert and update: it overwrites the same columns). */
    LAST_WINS,
    /** The earlier write decides (insert-if-absent; a repeated delete changes nothing). */
    FIRST_WINS
}
