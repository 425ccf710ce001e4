package dev.strangler.connect.reconcile.lookup;

import java.util.List;
import java.util.stream.Collectors;

import dev.strangler.connect.core.sql.SqlDialect;
import dev.strangler.connect.core.sql.SqlIdentifier;
import dev.strangler.connect.core.sql.TableName;

/**
 * The one statement a batch of lookups needs: every key of the batch in one row-value {@code IN} list, which both
 * PostgreSQL and Oracle evaluate with the primary-key index. Identifiers come validated and are quoted; key values
 * are always bound parameters.
 */
public final class LookupSql {

    private LookupSql() {
    }

    /**
     * {@code SELECT "k1", "k2", "c1" FROM "t" WHERE ("k1", "k2") IN ((?, ?), (?, ?))} for {@code keyCount} keys;
     * a single key column is written {@code "k1" IN (?, ?)}.
     */
    public static String select(SqlDialect dialect, TableName table, List<SqlIdentifier> keyColumns,
                                List<SqlIdentifier> valueColumns, int keyCount) {
        if (keyColumns.isEmpty() || keyCount < 1) {
            throw new IllegalArgumentException("a lookup needs at least one key column and one key");
        }
        List<SqlIdentifier> selected = new java.util.ArrayList<>(keyColumns);
        valueColumns.stream().filter(c -> !keyColumns.contains(c)).forEach(selected::add);
        String tuple = keyColumns.size() == 1 ? "?"
                : keyColumns.stream().map(c -> "?").collect(Collectors.joining(", ", "(", ")"));
        String left = keyColumns.size() == 1 ? dialect.quote(keyColumns.get(0)) : "(" + dialect.quotedList(keyColumns) + ")";
        return "SELECT " + dialect.quotedList(selected) + " FROM " + dialect.quote(table)
                + " WHERE " + left + " IN (" + String.join(", ", java.util.Collections.nCopies(keyCount, tuple)) + ")";
    }
}
