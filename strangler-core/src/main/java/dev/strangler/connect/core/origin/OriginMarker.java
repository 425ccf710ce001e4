package dev.strangler.connect.core.origin;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

import dev.strangler.connect.core.sql.SqlIdentifier;

/**
 * The marker the legacy sink stamps on every legacy row version it writes, and the pure check the ACL uses to
 * drop those changes from the legacy change stream (loop prevention). See the package documentation for the
 * convention, including how hard deletes are recognised.
 *
 * <p>The column is looked up as written, then in lower and upper case, because PostgreSQL reports unquoted
 * column names folded to lower case and Oracle to upper case. {@code CHAR(n)} columns come back blank-padded,
 * so trailing blanks of the stored value are ignored.
 */
public final class OriginMarker {

    /**
     * The PostgreSQL setting a writer of legacy rows sets in its transaction ({@code set_config(..., true)}) so a
     * trigger can stamp the marker on rows it does not name itself (see the package documentation).
     */
    public static final String POSTGRES_SESSION_SETTING = "strangler.origin";


    private final SqlIdentifier column;
    private final String value;
    private final String lowerColumn;
    private final String upperColumn;

    private OriginMarker(SqlIdentifier column, String value) {
        this.column = Objects.requireNonNull(column, "column");
        this.value = Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("The origin marker value must not be blank");
        }
        this.lowerColumn = column.name().toLowerCase(Locale.ROOT);
        this.upperColumn = column.name().toUpperCase(Locale.ROOT);
    }

    public static OriginMarker of(SqlIdentifier column, String value) {
        return new OriginMarker(column, value);
    }

    public static OriginMarker of(String column, String value) {
        return new OriginMarker(SqlIdentifier.of(column), value);
    }

    /** The column the legacy sink writes the marker into. */
    public SqlIdentifier column() {
        return column;
    }

    /** The value the legacy sink writes; a legacy application never writes it. */
    public String value() {
        return value;
    }

    /** Whether this row version (schemaless: column name to value) was written by the legacy sink. */
    public boolean isOwnWrite(Map<String, ?> row) {
        if (row == null) {
            return false;
        }
        Object cell = row.get(column.name());
        if (cell == null) {
            cell = row.get(lowerColumn);
        }
        if (cell == null) {
            cell = row.get(upperColumn);
        }
        return matches(cell);
    }

    /** Whether this row version (a Debezium {@code before}/{@code after} struct) was written by the legacy sink. */
    public boolean isOwnWrite(Struct row) {
        if (row == null) {
            return false;
        }
        Field field = row.schema().field(column.name());
        if (field == null) {
            field = row.schema().field(lowerColumn);
        }
        if (field == null) {
            field = row.schema().field(upperColumn);
        }
        return field != null && matches(row.get(field));
    }

    /**
     * Whether a change was produced by the legacy sink: the row version the change produced decides, and for a
     * delete (no {@code after}) the row version it removed, which the sink stamped just before deleting it.
     */
    public boolean isOwnChange(Struct before, Struct after) {
        return after != null ? isOwnWrite(after) : isOwnWrite(before);
    }

    /** Schemaless form of {@link #isOwnChange(Struct, Struct)}. */
    public boolean isOwnChange(Map<String, ?> before, Map<String, ?> after) {
        return after != null ? isOwnWrite(after) : isOwnWrite(before);
    }

    private boolean matches(Object cell) {
        if (!(cell instanceof CharSequence text)) {
            return false;
        }
        String stored = text.toString();
        int end = stored.length();
        while (end > 0 && stored.charAt(end - 1) == ' ') {
            end--;
        }
        return end == value.length() && stored.regionMatches(0, value, 0, end);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OriginMarker other && other.column.equals(column) && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(column, value);
    }

    @Override
    public String toString() {
        return "OriginMarker[" + column + "='" + value + "']";
    }
}
