package dev.strangler.connect.reconcile.lookup;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import dev.strangler.connect.core.sql.SqlIdentifier;
import dev.strangler.connect.reconcile.compare.FieldPair;

/**
 * Checks an identity mapping against the columns the target table really has, and spells each column as the
 * catalogue does. Used by {@code validate()} (problems on the mapping's key) and at task start (the same check,
 * so a task never starts on a mapping validation would have refused).
 */
public final class MappingCheck {

    private MappingCheck() {
    }

    /** The pairs whose column does not exist, as messages naming the column. */
    public static List<String> missingColumns(List<FieldPair> pairs, Function<String, Optional<SqlIdentifier>> column, String table) {
        List<String> missing = new ArrayList<>();
        for (FieldPair pair : pairs) {
            if (column.apply(pair.column()).isEmpty()) {
                missing.add("Column '" + pair.column() + "' (of field '" + pair.field() + "') does not exist in " + table);
            }
        }
        return missing;
    }

    /** The pairs with their columns spelled as the catalogue has them; pairs must have passed {@link #missingColumns}. */
    public static List<FieldPair> resolve(List<FieldPair> pairs, Function<String, Optional<SqlIdentifier>> column) {
        return pairs.stream().map(p -> new FieldPair(p.field(), column.apply(p.column()).orElseThrow().name())).toList();
    }
}
