package dev.strangler.connect.acl.classify;

import java.util.Map;
import java.util.Objects;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;

/**
 * One classification rule: an event type and the compiled CEL condition that selects it. Immutable; the compiled
 * program is thread-safe and evaluated without re-parsing.
 */
public final class ClassificationRule {

    private final String eventType;
    private final String condition;
    private final CelRuntime.Program program;

    ClassificationRule(String eventType, String condition, CelRuntime.Program program) {
        this.eventType = Objects.requireNonNull(eventType);
        this.condition = Objects.requireNonNull(condition);
        this.program = Objects.requireNonNull(program);
    }

    public String eventType() {
        return eventType;
    }

    public String condition() {
        return condition;
    }

    /**
     * Whether the condition holds for the variables ({@code value}, {@code key}, {@code headers}, {@code topic}).
     *
     * @throws RuleEvaluationException when the expression fails on this record (e.g. a field that is absent)
     */
    public boolean matches(Map<String, ?> variables) {
        try {
            return Boolean.TRUE.equals(program.eval(variables));
        } catch (CelEvaluationException e) {
            throw new RuleEvaluationException(eventType, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return eventType + ": " + condition;
    }
}
