package dev.strangler.connect.acl.guard;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.apache.kafka.connect.data.Struct;

import dev.strangler.connect.acl.envelope.ChangeEvent;
import dev.strangler.connect.acl.envelope.Operation;
import dev.strangler.connect.core.origin.OriginMarker;
import dev.strangler.connect.core.plan.AuthorityDecision;
import dev.strangler.connect.core.plan.MigrationPlan;
import dev.strangler.connect.core.plan.Side;

/**
 * Judges a legacy change event against the migration plan, in this order:
 * <ol>
 *   <li>a snapshot read is history, not a write: it passes;</li>
 *   <li>a change carrying the origin marker was made by the legacy sink: dropped (loop prevention);</li>
 *   <li>a table the guard does not govern passes;</li>
 *   <li>otherwise the plan decides at the change's <em>event time</em>, the source commit time
 *       ({@code source.ts_ms}), never the wall clock: legacy may change a fact only while it holds write authority
 *       over the fact's scope. An update is judged on both the row it replaced and the row it produced, so moving
 *       a fact into or out of a service-owned scope is a violation too. A truncate is a violation when any scope of
 *       the table's entity is service-owned at that time.</li>
 * </ol>
 * Events before the plan governs the entity pass: before the migration, legacy owned everything.
 */
public final class AuthorityCheck {

    private final MigrationPlan plan;
    private final OriginMarker originMarker;
    private final GuardedTables tables;

    public AuthorityCheck(MigrationPlan plan, OriginMarker originMarker, GuardedTables tables) {
        this.plan = Objects.requireNonNull(plan);
        this.originMarker = Objects.requireNonNull(originMarker);
        this.tables = Objects.requireNonNull(tables);
    }

    public AuthorityVerdict judge(ChangeEvent event) {
        if (event.isBackfill()) {
            return AuthorityVerdict.pass(AuthorityVerdict.SNAPSHOT_READ, Optional.empty(), Optional.empty());
        }
        Struct before = event.before().orElse(null);
        Struct after = event.after().orElse(null);
        if (originMarker.isOwnChange(before, after)) {
            return AuthorityVerdict.ownWrite();
        }
        Optional<GuardedTable> table = tables.find(event.source());
        if (table.isEmpty()) {
            return AuthorityVerdict.pass(AuthorityVerdict.NOT_GOVERNED, Optional.empty(), Optional.empty());
        }
        Optional<Instant> eventTime = event.source().timestamp();
        if (eventTime.isEmpty()) {
            return AuthorityVerdict.malformed(AuthorityVerdict.MISSING_SOURCE_TIME);
        }
        Instant time = eventTime.get();
        String entity = table.get().entity();
        if (event.operation() == Operation.TRUNCATE) {
            return judgeTruncate(entity, time);
        }
        Optional<AuthorityDecision> produced = after == null ? Optional.empty() : plan.decide(entity, table.get().fields(after), time);
        Optional<AuthorityDecision> replaced = before == null ? Optional.empty() : plan.decide(entity, table.get().fields(before), time);
        for (Optional<AuthorityDecision> decision : List.of(produced, replaced)) {
            if (decision.isPresent() && !decision.get().mayWrite(Side.LEGACY)) {
                return AuthorityVerdict.violation(AuthorityVerdict.LEGACY_WRITE_WITHOUT_AUTHORITY, decision.get(), time);
            }
        }
        Optional<AuthorityDecision> decision = produced.isPresent() ? produced : replaced;
        return AuthorityVerdict.pass(decision.isPresent() ? AuthorityVerdict.LEGACY_OWNED : AuthorityVerdict.BEFORE_PLAN,
                decision, eventTime);
    }

    private AuthorityVerdict judgeTruncate(String entity, Instant time) {
        Optional<AuthorityDecision> serviceOwned = plan.authorityAt(time).stream()
                .filter(decision -> decision.entity().equals(entity) && !decision.mayWrite(Side.LEGACY))
                .findFirst();
        if (serviceOwned.isPresent()) {
            return AuthorityVerdict.violation(AuthorityVerdict.LEGACY_TRUNCATE_OF_SERVICE_OWNED_SCOPE, serviceOwned.get(), time);
        }
        return AuthorityVerdict.pass(AuthorityVerdict.LEGACY_OWNED, Optional.empty(), Optional.of(time));
    }
}
