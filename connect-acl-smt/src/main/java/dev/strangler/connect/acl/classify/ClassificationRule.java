package dev.strangler.connect.acl.classify;

import java.util.Map;
import java.util.Objects;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelVariableResolver;

/** One classification rule: an event type and the {@link CelCondition} that selects it. Immutable. */
public final class ClassificationRule {

    private final String eventType;
    private final CelCondition condition;

    ClassificationRule(String eventType, CelCondition condition) {
        this.eventType = Objects.requireNonNull(eventType);
        this.condition = Objects.requireNonNull(condition);
    }

    public String eventType() {
        return eventType;
    }

    public String condition() {
        return condition.expression();
    }

    /**
     * Whether the condition holds for the variables ({@code value}, {@code key}, {@code headers}, {@code topic}).
     *
     * @throws RuleEvaluationException when the expression fails on this record (e.g. a field that is absent)
     */
    public boolean matches(Map<String, ?> variables) {
        try {
            return condition.test(variables);
        } catch (CelEvaluationException e) {
            throw new RuleEvaluationException(eventType, e.getMessage());
        }
    }

    /**
     * Whether the condition holds for the variables of {@link CelVariables#lazy}.
     *
     * @throws RuleEvaluationException when the expression fails on this record (e.g. a field that is absent)
     */
    public boolean matches(CelVariableResolver variables) {
        try {
            return condition.test(variables);
        } catch (CelEvaluationException e) {
            throw new RuleEvaluationException(eventType, e.getMessage());
        }
    }

    /** The fields of {@code value} and {@code key} the condition can read. */
    public FieldSelection fieldsRead() {
        return condition.fieldsRead();
    }

    @Override
    public String toString() {
        return eventType + ": " + condition;
    }
}
