package dev.strangler.connect.core.plan;

import java.util.List;
import java.util.stream.Collectors;

/** A plan document that cannot be used, with every problem found (not just the first), each with its path. */
public final class InvalidPlanException extends RuntimeException {

    private final List<PlanError> errors;

    public InvalidPlanException(List<PlanError> errors) {
        super(describe(errors));
        this.errors = List.copyOf(errors);
    }

    public List<PlanError> errors() {
        return errors;
    }

    private static String describe(List<PlanError> errors) {
        return errors.size() == 1
                ? errors.get(0).toString()
                : errors.size() + " problems: " + errors.stream().map(PlanError::toString).collect(Collectors.joining("; "));
    }
}
