package dev.strangler.connect.acl.guard;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.strangler.connect.acl.envelope.SourceMetadata;
import dev.strangler.connect.core.plan.MigrationPlan;
import dev.strangler.connect.core.sql.SqlIdentifier;
import dev.strangler.connect.core.sql.TableName;

/**
 * Which legacy tables the guard judges, and as which plan entity. Built from {@code [schema.]table=entity} and
 * {@code entity.field=column} entries; tables are matched case-insensitively against the change event's
 * {@code source.schema}/{@code source.table}, a table named without schema matching it in any schema.
 */
public final class GuardedTables {

    private final Map<String, GuardedTable> qualified;
    private final Map<String, GuardedTable> unqualified;

    private GuardedTables(Map<String, GuardedTable> qualified, Map<String, GuardedTable> unqualified) {
        this.qualified = Map.copyOf(qualified);
        this.unqualified = Map.copyOf(unqualified);
    }

    /**
     * Reads {@code entity.field=column} entries into, per entity, the column of each renamed field.
     *
     * @throws IllegalArgumentException naming the entry that is malformed or names an entity or field the plan does
     *                                  not know
     */
    public static Map<String, Map<String, String>> parseColumns(List<String> columnEntries, MigrationPlan plan) {
        Map<String, Map<String, String>> columns = new HashMap<>();
        for (String entry : columnEntries) {
            String[] pair = split(entry, "entity.field=column");
            String[] entityAndField = pair[0].split("\\.", -1);
            if (entityAndField.length != 2) {
                throw new IllegalArgumentException("'" + entry + "' is not entity.field=column");
            }
            String entity = entityAndField[0];
            String field = entityAndField[1];
            List<String> fields = plan.entities().get(entity);
            if (fields == null) {
                throw new IllegalArgumentException("'" + entry + "': the plan has no entity '" + entity + "'");
            }
            if (!fields.contains(field)) {
                throw new IllegalArgumentException("'" + entry + "': entity '" + entity + "' has no field '" + field
                        + "' in the plan (fields: " + String.join(", ", fields) + ")");
            }
            columns.computeIfAbsent(entity, e -> new LinkedHashMap<>()).put(field, SqlIdentifier.of(pair[1]).name());
        }
        return columns;
    }

    /**
     * @param tableEntries {@code [schema.]table=entity}
     * @param columns      from {@link #parseColumns}
     * @throws IllegalArgumentException naming the entry that is malformed, repeated, or names an entity the plan
     *                                  does not know
     */
    public static GuardedTables parse(List<String> tableEntries, Map<String, Map<String, String>> columns, MigrationPlan plan) {
        Map<String, GuardedTable> qualified = new HashMap<>();
        Map<String, GuardedTable> unqualified = new HashMap<>();
        for (String entry : tableEntries) {
            String[] pair = split(entry, "[schema.]table=entity");
            TableName table = TableName.parse(pair[0]);
            String entity = pair[1];
            if (!plan.hasEntity(entity)) {
                throw new IllegalArgumentException("'" + entry + "': the plan has no entity '" + entity + "' (entities: "
                        + String.join(", ", plan.entities().keySet()) + ")");
            }
            GuardedTable guarded = new GuardedTable(entity, columns.getOrDefault(entity, Map.of()));
            Map<String, GuardedTable> target = table.schema().isPresent() ? qualified : unqualified;
            String key = key(table.schema().map(SqlIdentifier::name).orElse(null), table.table().name());
            if (target.put(key, guarded) != null) {
                throw new IllegalArgumentException("'" + entry + "': table " + table + " is listed twice");
            }
        }
        return new GuardedTables(qualified, unqualified);
    }

    /** The guarded table a change event comes from, if the guard judges it. */
    Optional<GuardedTable> find(SourceMetadata source) {
        Optional<String> table = source.table();
        if (table.isEmpty()) {
            return Optional.empty();
        }
        GuardedTable found = source.schema().map(schema -> qualified.get(key(schema, table.get()))).orElse(null);
        if (found == null) {
            found = unqualified.get(key(null, table.get()));
        }
        return Optional.ofNullable(found);
    }

    public boolean isEmpty() {
        return qualified.isEmpty() && unqualified.isEmpty();
    }

    private static String key(String schema, String table) {
        String lowerTable = table.toLowerCase(Locale.ROOT);
        return schema == null ? lowerTable : schema.toLowerCase(Locale.ROOT) + "." + lowerTable;
    }

    private static String[] split(String entry, String shape) {
        int equals = entry.indexOf('=');
        if (equals <= 0 || equals == entry.length() - 1 || entry.indexOf('=', equals + 1) >= 0) {
            throw new IllegalArgumentException("'" + entry + "' is not " + shape);
        }
        return new String[] {entry.substring(0, equals).trim(), entry.substring(equals + 1).trim()};
    }
}
