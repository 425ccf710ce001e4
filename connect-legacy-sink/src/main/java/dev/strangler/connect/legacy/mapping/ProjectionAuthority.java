package dev.strangler.connect.legacy.mapping;

import java.time.Instant;
import java.util.Optional;

import dev.strangler.connect.core.plan.AuthorityDecision;
import dev.strangler.connect.core.plan.MigrationPlan;
import dev.strangler.connect.core.plan.Side;
import dev.strangler.connect.legacy.event.ProjectionEvent;

/**
 * Decides, at the event's time, whether the service owns the event's scope, i.e. whether the legacy sink may
 * project it. Projecting a scope legacy still owns would overwrite legacy's own truth.
 */
@FunctionalInterface
public interface ProjectionAuthority {

    boolean serviceOwns(EventProjection projection, ProjectionEvent event, Instant eventTime);

    /** Without a migration plan every mapped event is projected. */
    static ProjectionAuthority everything() {
        return (projection, event, eventTime) -> true;
    }

    /**
     * The migration plan decides: an event is projected when the plan gives the service write authority over the
     * event's scope at the event time. An event the plan does not govern (unknown entity, before the entity's
     * first effective time) is not projected.
     */
    static ProjectionAuthority of(MigrationPlan plan) {
        return (projection, event, eventTime) -> {
            if (projection.scope().isEmpty()) {
                return false; // the parser requires a scope whenever a plan is configured
            }
            EventProjection.PlanScopeFields scope = projection.scope().get();
            Optional<AuthorityDecision> decision = plan.decide(scope.entity(), field -> {
                FieldPath path = scope.fields().get(field);
                return path == null ? null : path.resolve(event.value());
            }, eventTime);
            return decision.map(d -> d.writeAuthority() == Side.SERVICE).orElse(false);
        };
    }
}
