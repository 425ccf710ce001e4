package dev.strangler.connect.reconcile.stream;

import java.time.Instant;
import java.util.Optional;

import dev.strangler.connect.core.plan.AuthorityDecision;
import dev.strangler.connect.core.plan.ConflictRule;
import dev.strangler.connect.core.plan.MigrationPlan;
import dev.strangler.connect.core.plan.Side;

/**
 * What the migration plan says about a compared record: its scope, system of record and conflict rule at the
 * record's event time. The plan is the source of truth per scope, so evidence names the plan's scope, and a repair
 * is only requested when the plan lets the side the records come from win the conflict; re-snapshotting the source
 * when the plan says the target is right would overwrite the truth with the error.
 */
public final class ScopeAuthority {

    private final Optional<MigrationPlan> plan;
    private final String entity;
    private final Side recordSide;

    /**
     * @param plan       the migration plan, if the connector has one
     * @param entity     the plan entity the records are about
     * @param recordSide the system the records come from; the target store belongs to the other side
     */
    public ScopeAuthority(Optional<MigrationPlan> plan, String entity, Side recordSide) {
        this.plan = plan;
        this.entity = entity;
        this.recordSide = recordSide;
    }

    public static ScopeAuthority withoutPlan() {
        return new ScopeAuthority(Optional.empty(), "", Side.LEGACY);
    }

    /** The plan's decision for the row at its event time (the time of the check when the record carries none). */
    public Optional<AuthorityDecision> decide(SourceRow row, Instant checkedAt) {
        if (plan.isEmpty()) {
            return Optional.empty();
        }
        Instant eventTime = row.eventTime() == null ? checkedAt : row.eventTime();
        return plan.get().decide(entity, row.fields(), eventTime);
    }

    /**
     * Whether a repair that re-emits the record side's rows may be requested: always without a plan (the operator
     * chose the repair mode), otherwise only when the scope's conflict rule makes the record side the winner.
     * {@code latest-event-wins} needs both sides' event times and {@code manual-review} a person: neither is repaired.
     */
    public boolean repairAllowed(Optional<AuthorityDecision> decision) {
        if (plan.isEmpty()) {
            return true;
        }
        if (decision.isEmpty()) {
            return false; // the plan does not govern the record (yet): nobody may be corrected automatically
        }
        ConflictRule rule = decision.get().conflictRule();
        return (rule == ConflictRule.LEGACY_WINS && recordSide == Side.LEGACY)
                || (rule == ConflictRule.SERVICE_WINS && recordSide == Side.SERVICE);
    }
}
