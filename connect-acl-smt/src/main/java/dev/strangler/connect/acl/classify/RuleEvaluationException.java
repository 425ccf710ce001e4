package dev.strangler.connect.acl.classify;

/** A rule whose condition cannot be evaluated on a record (an absent field, a type mismatch at run time). */
public final class RuleEvaluationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String rule;

    public RuleEvaluationException(String rule, String message) {
        super(message);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
