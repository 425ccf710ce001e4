package dev.strangler.connect.core.mapping;

/**
 * The result of translating one value: the value to write and how it was obtained. A {@link Outcome#REJECTED}
 * translation has no value; the caller applies its {@link UnknownValuePolicy} ({@code FAIL} or {@code QUARANTINE}).
 *
 * @param outcome how the value was obtained
 * @param value   the translated value; null for a null input and for a rejected translation
 */
public record Translation(Outcome outcome, String value) {

    /** How a value was obtained. */
    public enum Outcome {
        /** The table lists the value. */
        MAPPED,
        /** The input was null; absence is not a code, so it stays null. */
        NULL,
        /** Unknown value kept unchanged ({@link UnknownValuePolicy#PASS_THROUGH}). */
        PASSED_THROUGH,
        /** Unknown value replaced by the default ({@link UnknownValuePolicy#DEFAULT}). */
        DEFAULTED,
        /** Unknown value the policy does not allow ({@link UnknownValuePolicy#FAIL} or {@link UnknownValuePolicy#QUARANTINE}). */
        REJECTED
    }

    /** Whether the value was unknown to the table, whatever the policy did with it. */
    public boolean wasUnknown() {
        return outcome == Outcome.PASSED_THROUGH || outcome == Outcome.DEFAULTED || outcome == Outcome.REJECTED;
    }

    public boolean isRejected() {
        return outcome == Outcome.REJECTED;
    }
}
