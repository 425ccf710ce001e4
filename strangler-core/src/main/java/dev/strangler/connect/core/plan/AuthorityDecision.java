package dev.strangler.connect.core.plan;

import java.time.Instant;
import java.util.Objects;

/**
 * Who is authoritative for a record at an event time: the answer every plugin acts on. Immutable; the plan
 * builds one per timeline entry, so evaluating a record allocates nothing.
 *
 * @param scope          the plan scope the record belongs to at that time (its most specific matching scope)
 * @param entity         the entity the scope is about
 * @param effectiveSince the instant this entry of the scope's timeline took effect
 * @param phase          how far the scope has moved
 * @param systemOfRecord whose data is the truth, e.g. for reconciliation and for consumers' reads
 * @param writeAuthority the only side allowed to change the scope's facts; the other side's writes are violations
 * @param publisher      the side whose changes are published as domain events (legacy via CDC + ACL, the service
 *                       via its outbox)
 * @param conflictRule   how a disagreement between the sides is resolved
 */
public record AuthorityDecision(
        String scope,
        String entity,
        Instant effectiveSince,
        Phase phase,
        Side systemOfRecord,
        Side writeAuthority,
        Side publisher,
        ConflictRule conflictRule) {

    public AuthorityDecision {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(effectiveSince, "effectiveSince");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(systemOfRecord, "systemOfRecord");
        Objects.requireNonNull(writeAuthority, "writeAuthority");
        Objects.requireNonNull(publisher, "publisher");
        Objects.requireNonNull(conflictRule, "conflictRule");
    }

    /** Whether {@code side} may write the scope's facts at this time. */
    public boolean mayWrite(Side side) {
        return writeAuthority == side;
    }

    /** Whether two decisions grant the same authority, whatever scope or time they come from. */
    public boolean sameAuthorityAs(AuthorityDecision other) {
        return phase == other.phase && systemOfRecord == other.systemOfRecord && writeAuthority == other.writeAuthority
                && publisher == other.publisher && conflictRule == other.conflictRule;
    }
}
