package dev.strangler.connect.acl.guard;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

import dev.strangler.connect.core.plan.FieldValues;

/**
 * A legacy table whose rows are facts of a plan entity, and how the plan's fields are read from its columns.
 * A field is read from the column configured for it, else from the column of the same name; column names match
 * as written, then folded to lower case (PostgreSQL) or upper case (Oracle).
 */
final class GuardedTable {

    private final String entity;
    private final Map<String, String> columnsByField;

    GuardedTable(String entity, Map<String, String> columnsByField) {
        this.entity = Objects.requireNonNull(entity);
        this.columnsByField = Map.copyOf(columnsByField);
    }

    String entity() {
        return entity;
    }

    /** The row's values as the plan's predicates read them. */
    FieldValues fields(Struct row) {
        return field -> value(row, columnsByField.getOrDefault(field, field));
    }

    private static Object value(Struct row, String column) {
        Field field = row.schema().field(column);
        if (field == null) {
            field = row.schema().field(column.toLowerCase(Locale.ROOT));
        }
        if (field == null) {
            field = row.schema().field(column.toUpperCase(Locale.ROOT));
        }
        if (field == null) {
            return null;
        }
        Object value = row.get(field);
        // CHAR(n) columns come back blank-padded from both PostgreSQL and Oracle; the plan names the value unpadded.
        return value instanceof String text ? stripTrailingBlanks(text) : value;
    }

    private static String stripTrailingBlanks(String text) {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == ' ') {
            end--;
        }
        return end == text.length() ? text : text.substring(0, end);
    }

    @Override
    public String toString() {
        return "GuardedTable[" + entity + ", columns=" + columnsByField + "]";
    }
}
