package dev.strangler.connect.acl.classify;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableExpr;

/**
 * Which top-level fields of the record's {@code value} and {@code key} a set of CEL conditions can read, found in
 * their checked syntax trees at configure time. Converting a record for CEL then costs the fields the rules name,
 * not every field of the row. A variable used in any way other than selecting a field by name ({@code size(value)},
 * {@code value['x']}, a macro over it, passing it whole) needs all its fields. Immutable.
 */
public final class FieldSelection {

    /** Reads every field: for conditions not analysed, and the safe answer whenever in doubt. */
    public static final FieldSelection ALL = new FieldSelection(Map.of());

    private static final Set<String> STRUCT_VARIABLES = Set.of(CelVariables.VALUE, CelVariables.KEY);

    // variable name -> the fields selected from it; a variable that is absent here needs all its fields
    private final Map<String, Set<String>> fields;

    private FieldSelection(Map<String, Set<String>> fields) {
        this.fields = fields;
    }

    /** The fields of {@code value} and {@code key} that the checked expression selects by name. */
    static FieldSelection of(CelAbstractSyntaxTree ast) {
        Map<String, Set<String>> selected = new HashMap<>();
        STRUCT_VARIABLES.forEach(variable -> selected.put(variable, new HashSet<>()));
        // Every identifier with the variable's name counts, even one a macro's loop variable shadows: that can only
        // add fields, never miss one.
        CelNavigableExpr.fromExpr(ast.getExpr()).allNodes()
                .filter(node -> node.getKind() == CelExpr.ExprKind.Kind.IDENT)
                .filter(node -> STRUCT_VARIABLES.contains(node.expr().ident().name()))
                .forEach(node -> {
                    String variable = node.expr().ident().name();
                    Set<String> names = selected.get(variable);
                    if (names == null) {
                        return; // already known to need all fields
                    }
                    CelNavigableExpr parent = node.parent().orElse(null);
                    if (parent != null && parent.getKind() == CelExpr.ExprKind.Kind.SELECT
                            && parent.expr().select().operand().id() == node.id()) {
                        names.add(parent.expr().select().field());
                    } else {
                        selected.remove(variable);
                    }
                });
        Map<String, Set<String>> frozen = new HashMap<>();
        selected.forEach((variable, names) -> frozen.put(variable, Set.copyOf(names)));
        return new FieldSelection(Map.copyOf(frozen));
    }

    /** What either selection reads. */
    public FieldSelection union(FieldSelection other) {
        Map<String, Set<String>> merged = new HashMap<>();
        for (String variable : STRUCT_VARIABLES) {
            Set<String> mine = fields.get(variable);
            Set<String> theirs = other.fields.get(variable);
            if (mine != null && theirs != null) {
                Set<String> both = new HashSet<>(mine);
                both.addAll(theirs);
                merged.put(variable, Set.copyOf(both));
            }
        }
        return new FieldSelection(Map.copyOf(merged));
    }

    /**
     * The top-level fields of {@code variable} ({@code value} or {@code key}) that can be read, or null when any
     * field can be.
     */
    public Set<String> fieldsOf(String variable) {
        return fields.get(variable);
    }

    @Override
    public String toString() {
        return "FieldSelection" + fields;
    }
}
