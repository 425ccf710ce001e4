package dev.strangler.connect.acl.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.runtime.CelVariableResolver;

/**
 * The common shape of a condition — fields and literals compared with {@code ==}, {@code !=} and {@code in} a
 * literal list, tested with {@code has()}, joined by {@code &&}, {@code ||} and {@code !} — evaluated directly on
 * the record's variables instead of by CEL's interpreter, which costs several times as much per rule (see the
 * {@code acl} section of BENCHMARKS.md).
 *
 * <p>It answers only where its answer is certainly CEL's: strings, integers and booleans compared with a value of
 * the same type, and boolean operators on booleans. Anything else — another type, a field that is absent (an
 * error in CEL), a non-boolean operand — is {@linkplain #test undecided}, and CEL evaluates the whole condition,
 * so results and errors stay exactly CEL's. {@code DirectConditionTest} checks the two against each other.
 * Immutable and thread-safe.
 */
final class DirectCondition {

    /** The value of a sub-expression this evaluator leaves to CEL. */
    private static final Object UNDECIDED = new Object();

    private static final Set<String> VARIABLES = Set.of(CelVariables.VALUE, CelVariables.KEY, CelVariables.HEADERS, CelVariables.TOPIC);

    @FunctionalInterface
    private interface Node {
        Object eval(CelVariableResolver variables);
    }

    private final Node root;

    private DirectCondition(Node root) {
        this.root = root;
    }

    /** The direct form of a checked expression, or empty when it uses anything beyond the common shape. */
    static Optional<DirectCondition> compile(CelExpr expr) {
        Node root = node(expr);
        return root == null ? Optional.empty() : Optional.of(new DirectCondition(root));
    }

    /** The condition's value, or null when CEL must decide (the answer might differ, or CEL reports an error). */
    Boolean test(CelVariableResolver variables) {
        return root.eval(variables) instanceof Boolean result ? result : null;
    }

    /** The node for an expression, or null when it is not of the common shape. */
    private static Node node(CelExpr expr) {
        return switch (expr.getKind()) {
            case CONSTANT -> literal(expr.constant());
            case IDENT -> variable(expr.ident().name());
            case SELECT -> {
                Node operand = node(expr.select().operand());
                String field = expr.select().field();
                if (operand == null) {
                    yield null;
                }
                yield expr.select().testOnly() ? has(operand, field) : field(operand, field);
            }
            case CALL -> call(expr.call());
            default -> null;
        };
    }

    private static Node literal(CelConstant constant) {
        Object value = constantValue(constant);
        return value == null ? null : variables -> value;
    }

    /** A literal of the types this evaluator compares (the types CEL represents as these Java classes), else null. */
    private static Object constantValue(CelConstant constant) {
        return switch (constant.getKind()) {
            case STRING_VALUE -> constant.stringValue();
            case INT64_VALUE -> constant.int64Value();
            case BOOLEAN_VALUE -> constant.booleanValue();
            default -> null;
        };
    }

    private static Node variable(String name) {
        if (!VARIABLES.contains(name)) {
            return null; // e.g. a macro's loop variable: not the common shape
        }
        return variables -> variables.find(name).orElse(UNDECIDED);
    }

    private static Node field(Node operand, String field) {
        return variables -> operand.eval(variables) instanceof Map<?, ?> map ? present(map.get(field)) : UNDECIDED;
    }

    private static Node has(Node operand, String field) {
        return variables -> operand.eval(variables) instanceof Map<?, ?> map ? (Object) map.containsKey(field) : UNDECIDED;
    }

    private static Object present(Object value) {
        // CEL reports an absent key as an error; the conversion leaves null fields out, so null means absent
        return value == null ? UNDECIDED : value;
    }

    private static Node call(CelExpr.CelCall call) {
        if (call.target().isPresent()) {
            return null;
        }
        List<CelExpr> args = call.args();
        return switch (call.function()) {
            case "_==_" -> args.size() == 2 ? equality(node(args.get(0)), node(args.get(1)), false) : null;
            case "_!=_" -> args.size() == 2 ? equality(node(args.get(0)), node(args.get(1)), true) : null;
            case "_&&_" -> args.size() == 2 ? and(node(args.get(0)), node(args.get(1))) : null;
            case "_||_" -> args.size() == 2 ? or(node(args.get(0)), node(args.get(1))) : null;
            case "!_" -> args.size() == 1 ? not(node(args.get(0))) : null;
            case "@in" -> args.size() == 2 ? in(node(args.get(0)), args.get(1)) : null;
            case "_[_]" -> args.size() == 2 ? index(node(args.get(0)), args.get(1)) : null;
            default -> null;
        };
    }

    private static Node equality(Node left, Node right, boolean negated) {
        if (left == null || right == null) {
            return null;
        }
        return variables -> {
            Object a = left.eval(variables);
            Object b = right.eval(variables);
            if (!comparable(a) || !comparable(b) || a.getClass() != b.getClass()) {
                return UNDECIDED; // CEL's equality across types has its own rules (numbers, null): leave it to CEL
            }
            return a.equals(b) != negated;
        };
    }

    private static boolean comparable(Object value) {
        return value instanceof String || value instanceof Long || value instanceof Boolean;
    }

    private static Node in(Node element, CelExpr list) {
        if (element == null || list.getKind() != CelExpr.ExprKind.Kind.LIST) {
            return null;
        }
        List<Object> values = new ArrayList<>();
        for (CelExpr item : list.list().elements()) {
            Object value = item.getKind() == CelExpr.ExprKind.Kind.CONSTANT ? constantValue(item.constant()) : null;
            if (value == null || (!values.isEmpty() && value.getClass() != values.get(0).getClass())) {
                return null; // only lists of literals of one type
            }
            values.add(value);
        }
        if (values.isEmpty()) {
            return null;
        }
        Class<?> type = values.get(0).getClass();
        List<Object> literals = List.copyOf(values);
        return variables -> {
            Object value = element.eval(variables);
            return value != UNDECIDED && value.getClass() == type ? (Object) literals.contains(value) : UNDECIDED;
        };
    }

    /** {@code map['key']} with a literal key: a field selection written as an index (e.g. header names with dots). */
    private static Node index(Node operand, CelExpr key) {
        if (operand == null || key.getKind() != CelExpr.ExprKind.Kind.CONSTANT
                || key.constant().getKind() != CelConstant.Kind.STRING_VALUE) {
            return null;
        }
        return field(operand, key.constant().stringValue());
    }

    private static Node and(Node left, Node right) {
        if (left == null || right == null) {
            return null;
        }
        return variables -> {
            Object a = left.eval(variables);
            if (Boolean.FALSE.equals(a)) {
                return false; // CEL too: false && anything, even an error, is false
            }
            Object b = right.eval(variables);
            return Boolean.TRUE.equals(a) && b instanceof Boolean ? b : UNDECIDED;
        };
    }

    private static Node or(Node left, Node right) {
        if (left == null || right == null) {
            return null;
        }
        return variables -> {
            Object a = left.eval(variables);
            if (Boolean.TRUE.equals(a)) {
                return true; // CEL too: true || anything, even an error, is true
            }
            Object b = right.eval(variables);
            return Boolean.FALSE.equals(a) && b instanceof Boolean ? b : UNDECIDED;
        };
    }

    private static Node not(Node operand) {
        if (operand == null) {
            return null;
        }
        return variables -> operand.eval(variables) instanceof Boolean value ? (Object) !value : UNDECIDED;
    }
}
