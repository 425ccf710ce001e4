package dev.strangler.connect.core.plan;

import java.util.Locale;
import java.util.Optional;

/**
 * How far a scope has moved from the legacy system to the service. The number is what people say in meetings
 * ("AUTO/DE address changes are in phase 3"); the plan accepts the number or the name.
 */
public enum Phase {
    /** The service holds a read-only mirror fed from legacy's change stream; legacy does everything. */
    MIRROR(1),
    /** The service handles part of the traffic; its changes are projected back into legacy. */
    PARTIAL_EXTRACTION(2),
    /** The service owns writes; a legacy write is an authority violation. */
    WRITE_OWNERSHIP_SHIFTED(3),
    /** Consumers read from the service only; legacy keeps a projection for what still depends on it. */
    READS_RETIRED(4),
    /** The legacy slice is gone; nothing is projected back. */
    DECOMMISSIONED(5);

    private final int number;

    Phase(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /** The spelling used in plans: {@code write-ownership-shifted}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public boolean isAtLeast(Phase other) {
        return number >= other.number;
    }

    /** From a number 1-5 or a label (case-insensitive, '-' or '_'). */
    public static Optional<Phase> parse(String text) {
        String normalised = text.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (Phase phase : values()) {
            if (phase.name().equals(normalised) || String.valueOf(phase.number).equals(normalised)) {
                return Optional.of(phase);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return number + " (" + label() + ")";
    }
}
