package dev.strangler.connect.acl.guard;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import dev.strangler.connect.core.plan.AuthorityDecision;

/**
 * What the authority guard concluded about one legacy change event, with the reason in the words the violation
 * headers and metrics use.
 */
public record AuthorityVerdict(Outcome outcome, String reason, Optional<AuthorityDecision> decision, Optional<Instant> eventTime) {

    /** What happens to the change event. */
    public enum Outcome {
        /** Legacy may make this change (or the plan does not govern it): it continues down the ACL. */
        PASS,
        /** The legacy sink made this change: dropped, so it never travels back to the service. */
        OWN_WRITE,
        /** Legacy changed a fact it has no write authority over: routed to the violation topic, not propagated. */
        VIOLATION,
        /** The event cannot be judged (e.g. no source time): quarantined with the reason. */
        MALFORMED
    }

    public static final String NOT_GOVERNED = "table-not-governed";
    public static final String SNAPSHOT_READ = "snapshot-read";
    public static final String BEFORE_PLAN = "before-plan";
    public static final String LEGACY_OWNED = "legacy-owned";
    public static final String ORIGIN_MARKER = "origin-marker";
    public static final String LEGACY_WRITE_WITHOUT_AUTHORITY = "legacy-write-without-write-authority";
    public static final String LEGACY_TRUNCATE_OF_SERVICE_OWNED_SCOPE = "legacy-truncate-of-service-owned-scope";
    public static final String MISSING_SOURCE_TIME = "missing-source-ts_ms";

    public AuthorityVerdict {
        Objects.requireNonNull(outcome);
        Objects.requireNonNull(reason);
        Objects.requireNonNull(decision);
        Objects.requireNonNull(eventTime);
        if (outcome == Outcome.VIOLATION && decision.isEmpty()) {
            throw new IllegalArgumentException("A violation names the decision it breaks");
        }
    }

    static AuthorityVerdict pass(String reason, Optional<AuthorityDecision> decision, Optional<Instant> eventTime) {
        return new AuthorityVerdict(Outcome.PASS, reason, decision, eventTime);
    }

    static AuthorityVerdict ownWrite() {
        return new AuthorityVerdict(Outcome.OWN_WRITE, ORIGIN_MARKER, Optional.empty(), Optional.empty());
    }

    static AuthorityVerdict violation(String reason, AuthorityDecision decision, Instant eventTime) {
        return new AuthorityVerdict(Outcome.VIOLATION, reason, Optional.of(decision), Optional.of(eventTime));
    }

    static AuthorityVerdict malformed(String reason) {
        return new AuthorityVerdict(Outcome.MALFORMED, reason, Optional.empty(), Optional.empty());
    }
}
