package dev.strangler.connect.acl.classify;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelVariableResolver;

/**
 * A boolean condition on a record in Google's Common Expression Language (CEL): safe (no loops, no side effects,
 * no I/O), type-checked and compiled once; evaluation does not parse. Conditions see the variables of
 * {@link CelVariables}: {@code value}, {@code key}, {@code headers} and {@code topic}. Conditions of the common
 * shape (comparisons joined by boolean operators) are evaluated by {@link DirectCondition} where it gives CEL's
 * answer, by CEL's interpreter otherwise. Immutable and thread-safe.
 */
public final class CelCondition {

    private static final Cel CEL = CelFactory.standardCelBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar(CelVariables.VALUE, SimpleType.DYN)
            .addVar(CelVariables.KEY, SimpleType.DYN)
            .addVar(CelVariables.HEADERS, MapType.create(SimpleType.STRING, SimpleType.STRING))
            .addVar(CelVariables.TOPIC, SimpleType.STRING)
            .setResultType(SimpleType.BOOL)
            .build();

    private final String expression;
    private final CelRuntime.Program program;
    private final FieldSelection fieldsRead;
    private final DirectCondition direct;   // null when the condition is not of the shape it evaluates

    private CelCondition(String expression, CelRuntime.Program program, FieldSelection fieldsRead, DirectCondition direct) {
        this.expression = expression;
        this.program = program;
        this.fieldsRead = fieldsRead;
        this.direct = direct;
    }

    /**
     * @throws IllegalArgumentException with CEL's message when the expression does not parse, uses an unknown
     *                                  variable or function, or is not boolean
     */
    public static CelCondition compile(String expression) {
        Objects.requireNonNull(expression, "expression");
        CelValidationResult result = CEL.compile(expression);
        if (result.hasError()) {
            throw new IllegalArgumentException(result.getErrorString());
        }
        try {
            CelAbstractSyntaxTree ast = result.getAst();
            return new CelCondition(expression, CEL.createProgram(ast), FieldSelection.of(ast),
                    DirectCondition.compile(ast.getExpr()).orElse(null));
        } catch (CelValidationException | CelEvaluationException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /**
     * Whether the condition holds for the variables.
     *
     * @throws CelEvaluationException when it cannot be evaluated on them (an absent field, a type mismatch)
     */
    public boolean test(Map<String, ?> variables) throws CelEvaluationException {
        return Boolean.TRUE.equals(program.eval(variables));
    }

    /**
     * Whether the condition holds for the variables of {@link CelVariables#lazy}, which must offer at least the
     * fields of {@link #fieldsRead()}.
     *
     * @throws CelEvaluationException when it cannot be evaluated on them (an absent field, a type mismatch)
     */
    public boolean test(CelVariableResolver variables) throws CelEvaluationException {
        Boolean decided = direct == null ? null : direct.test(variables);
        return decided != null ? decided : testWithCel(variables);
    }

    /** CEL's own answer, bypassing {@link DirectCondition}: for the test that compares the two. */
    boolean testWithCel(CelVariableResolver variables) throws CelEvaluationException {
        return Boolean.TRUE.equals(program.eval(variables));
    }

    /** The direct evaluation, or empty when the condition is not of its shape: for tests. */
    Optional<DirectCondition> direct() {
        return Optional.ofNullable(direct);
    }

    /** The fields of {@code value} and {@code key} the condition can read. */
    public FieldSelection fieldsRead() {
        return fieldsRead;
    }

    public String expression() {
        return expression;
    }

    @Override
    public String toString() {
        return expression;
    }
}
