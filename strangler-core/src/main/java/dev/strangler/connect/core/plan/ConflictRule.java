package dev.strangler.connect.core.plan;

/**
 * What resolves a disagreement between legacy and the service about the same fact, e.g. when reconciliation finds
 * that both changed it: the plan states it per scope so no plugin guesses.
 */
public enum ConflictRule {
    /** Legacy's value is right; the service is corrected. */
    LEGACY_WINS,
    /** The service's value is right; legacy is corrected. */
    SERVICE_WINS,
    /** The change with the later event time is right, whichever side made it. */
    LATEST_EVENT_WINS,
    /** Nobody is corrected automatically; the difference is reported for a person to resolve. */
    MANUAL_REVIEW
}
