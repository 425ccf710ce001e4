package dev.strangler.connect.reconcile.stream;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import dev.strangler.connect.core.plan.AuthorityDecision;
import dev.strangler.connect.core.plan.ConflictRule;
import dev.strangler.connect.core.plan.FieldValues;
import dev.strangler.connect.core.plan.MigrationPlan;
import dev.strangler.connect.core.plan.PlanFieldBinding;
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
    private final PlanFieldBinding fields;

    /** Records that spell every plan field like the plan. */
    public ScopeAuthority(Optional<MigrationPlan> plan, String entity, Side recordSide) {
        this(plan, entity, recordSide, PlanFieldBinding.identity());
    }

    /**
     * @param plan       the migration plan, if the connector has one
     * @param entity     the plan entity the records are about
     * @param recordSide the system the records come from; the target store belongs to the other side
     * @param fields     which record field holds each plan field ({@code plan.fields})
     */
    public ScopeAuthority(Optional<MigrationPlan> plan, String entity, Side recordSide, PlanFieldBinding fields) {
        this.plan = plan;
        this.entity = entity;
        this.recordSide = recordSide;
        this.fields = fields;
    }

    public static ScopeAuthority withoutPlan() {
        return new ScopeAuthority(Optional.empty(), "", Side.LEGACY);
    }

    /** The plan's decision for the row at its event time (the time of the check when the record carries none). */
    public Optional<AuthorityDecision> decide(SourceRow row, Instant checkedAt) {
        return decide(row.fields(), row.eventTime() == null ? checkedAt : row.eventTime());
    }

    /**
     * The plan's decision for a row of record fields (by record field name) at {@code time}; a state check's source
     * row has no event time of its own, so it is decided at the time of the check.
     */
    public Optional<AuthorityDecision> decide(Map<String, ?> recordFields, Instant time) {
        if (plan.isEmpty()) {
            return Optional.empty();
        }
        return plan.get().decide(entity, fields.view(entity, FieldValues.of(recordFields)), time);
    }

    /** Whether the connector has a plan. */
    public boolean hasPlan() {
        return plan.isPresent();
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
