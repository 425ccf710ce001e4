package dev.strangler.connect.reconcile.lookup;

import java.util.List;
import java.util.stream.Collectors;

import dev.strangler.connect.reconcile.compare.CanonicalValues;

/**
 * The identity of one business row, as canonical text per key column, so a record's {@code Long 42} and the
 * target's {@code Integer 42} or {@code NUMERIC 42.0} are the same key. Trailing blanks of text keys are dropped,
 * as SQL compares {@code CHAR(n)} keys ({@code 'P-1  ' = 'P-1'}): the database finds the padded row, and the join
 * back to the record must too. Used to join lookups back to records, and as the stored key of pending findings and
 * evidence.
 */
public record RowKey(List<String> parts) {

    public RowKey {
        parts = List.copyOf(parts);
    }

    /** The key of raw values from either side. */
    public static RowKey of(List<?> values) {
        return new RowKey(values.stream().map(v -> {
                    Object canonical = CanonicalValues.canonical(v);
                    return canonical instanceof String text ? text.stripTrailing() : CanonicalValues.text(canonical);
                })
                .map(s -> s == null ? "\u2400" : s)
                .collect(Collectors.toList()));
    }

    /** A stable, readable text form: the parts joined by '|', each '|' and '\' inside a part escaped. */
    public String text() {
        return parts.stream().map(p -> p.replace("\\", "\\\\").replace("|", "\\|")).collect(Collectors.joining("|"));
    }

    @Override
    public String toString() {
        return text();
    }
}
