package dev.strangler.connect.legacy.guard;

import java.util.Optional;

/**
 * The in-batch half of the version guard. The database half is the guarded statement (a write applies only when
 * its version is newer than the stored one); this half decides, for two writes of the same row with the same
 * statement shape inside one batch, which one to send, so that sending one gives exactly the row the database
 * would hold after applying both in order.
 *
 * <p>Why reduction is sound only within one shape: two writes of the same statement shape write the same columns,
 * so the surviving one overwrites everything the other wrote. Writes of different shapes (another event type
 * writing other columns of the row) are never merged; the batch planner keeps them in order instead.
 * Why it is needed at all: PostgreSQL refuses a multi-row upsert that touches a row twice (SQLSTATE 21000).
 */
public final class VersionGuard {

    /** What to do when a second write of a row meets the first one in the same statement group. */
    public enum Reduction {
        /** Keep the first write; the incoming one would not change the row (older, a duplicate, or first wins). */
        INCOMING_IS_STALE,
        /** Replace the first write by the incoming one, which overwrites it. */
        EXISTING_IS_SUPERSEDED,
        /** The versions cannot be ordered (different kinds): write both, in arrival order. */
        NOT_REDUCIBLE
    }

    private VersionGuard() {
    }

    public static Reduction reduce(ReductionRule rule, Optional<GuardVersion> existing, Optional<GuardVersion> incoming) {
        return switch (rule) {
            case FIRST_WINS -> Reduction.INCOMING_IS_STALE;
            case LAST_WINS -> Reduction.EXISTING_IS_SUPERSEDED;
            case NEWEST_WINS -> newestWins(existing, incoming);
        };
    }

    private static Reduction newestWins(Optional<GuardVersion> existing, Optional<GuardVersion> incoming) {
        if (existing.isEmpty() || incoming.isEmpty() || !existing.get().comparableWith(incoming.get())) {
            return Reduction.NOT_REDUCIBLE;
        }
        // Strictly newer replaces; equal is a duplicate the database would skip too (guard is "stored < incoming").
        return incoming.get().compareTo(existing.get()) > 0 ? Reduction.EXISTING_IS_SUPERSEDED : Reduction.INCOMING_IS_STALE;
    }
}
