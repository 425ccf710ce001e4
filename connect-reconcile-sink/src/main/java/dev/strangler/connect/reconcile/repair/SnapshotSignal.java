package dev.strangler.connect.reconcile.repair;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.strangler.connect.core.sql.SqlDialect;
import dev.strangler.connect.core.sql.SqlIdentifier;
import dev.strangler.connect.reconcile.compare.CanonicalValues;

/**
 * The {@code data} of a Debezium {@code execute-snapshot} signal that re-reads exactly the rows of confirmed
 * findings: an incremental snapshot of one data collection limited by {@code additional-conditions}
 * (see https://debezium.io/documentation/reference/stable/configuration/signalling.html).
 *
 * <p>Debezium puts the filter into its own {@code SELECT}, so here, and only here, key values become SQL literals:
 * numbers as plain decimals, everything else as a single-quoted string with quotes doubled. Column names are
 * validated identifiers, quoted.
 */
public final class SnapshotSignal {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SnapshotSignal() {
    }

    /** The signal's JSON {@code data} for the given keys (each in key-column order). */
    public static String data(String dataCollection, SqlDialect dialect, List<SqlIdentifier> keyColumns, List<List<Object>> keys) {
        ObjectNode data = NODES.objectNode();
        data.putArray("data-collections").add(dataCollection);
        data.put("type", "incremental");
        data.putArray("additional-conditions").addObject()
                .put("data-collection", dataCollection)
                .put("filter", filter(dialect, keyColumns, keys));
        return data.toString();
    }

    static String filter(SqlDialect dialect, List<SqlIdentifier> keyColumns, List<List<Object>> keys) {
        return keys.stream().map(key -> {
            StringBuilder condition = new StringBuilder();
            for (int i = 0; i < keyColumns.size(); i++) {
                if (i > 0) {
                    condition.append(" AND ");
                }
                condition.append(dialect.quote(keyColumns.get(i))).append(" = ").append(literal(key.get(i)));
            }
            return keys.size() == 1 ? condition.toString() : "(" + condition + ")";
        }).collect(Collectors.joining(" OR "));
    }

    static String literal(Object value) {
        Object canonical = CanonicalValues.canonical(value);
        if (canonical == null) {
            throw new IllegalArgumentException("a key part is null: no snapshot filter can select it");
        }
        if (canonical instanceof BigDecimal number) {
            return number.toPlainString();
        }
        if (canonical instanceof Instant || canonical instanceof LocalDate) {
            return "'" + canonical + "'";
        }
        return "'" + CanonicalValues.text(canonical).replace("'", "''") + "'";
    }
}
