package dev.strangler.connect.acl.struct;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * A dotted path to a field inside nested structs, e.g. {@code after.status} or {@code address.city}. Every ACL
 * transform names fields this way, so the same transform works on a flat row and inside a Debezium envelope.
 * Parsed once at configure time; immutable.
 */
public final class FieldPath {

    private final List<String> segments;
    private final String text;

    private FieldPath(List<String> segments) {
        this.segments = segments;
        this.text = String.join(".", segments);
    }

    /**
     * @throws IllegalArgumentException when the text is blank or has an empty segment ({@code a..b}, {@code .a})
     */
    public static FieldPath parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("field path is empty");
        }
        String[] parts = text.trim().split("\\.", -1);
        for (String part : parts) {
            if (part.isEmpty()) {
                throw new IllegalArgumentException("field path '" + text.trim() + "' has an empty segment");
            }
        }
        return new FieldPath(List.of(parts));
    }

    public static FieldPath of(String... segments) {
        return new FieldPath(List.copyOf(Arrays.asList(segments)));
    }

    public List<String> segments() {
        return segments;
    }

    public int depth() {
        return segments.size();
    }

    /** The last segment: the field's own name. */
    public String leaf() {
        return segments.get(segments.size() - 1);
    }

    /** The path of the struct holding the field; empty for a top-level field. */
    public Optional<FieldPath> parent() {
        return segments.size() == 1 ? Optional.empty() : Optional.of(new FieldPath(segments.subList(0, segments.size() - 1)));
    }

    /** The path of a field inside the struct this path leads to. */
    public FieldPath child(String name) {
        String[] extended = segments.toArray(new String[segments.size() + 1]);
        extended[segments.size()] = name;
        return new FieldPath(List.of(extended));
    }

    public boolean startsWith(FieldPath prefix) {
        return segments.size() >= prefix.segments.size() && segments.subList(0, prefix.segments.size()).equals(prefix.segments);
    }

    /** The schema of the field in a struct schema, or empty when the path does not lead to a field. */
    public Optional<Schema> schemaIn(Schema root) {
        Schema current = root;
        for (String segment : segments) {
            if (current == null || current.type() != Schema.Type.STRUCT) {
                return Optional.empty();
            }
            Field field = current.field(segment);
            if (field == null) {
                return Optional.empty();
            }
            current = field.schema();
        }
        return Optional.ofNullable(current);
    }

    /** The field's value, or null when it or a struct on the way is null. The path must exist in the schema. */
    public Object valueIn(Struct root) {
        Struct current = root;
        for (int i = 0; i < segments.size() - 1; i++) {
            if (current == null) {
                return null;
            }
            current = current.getStruct(segments.get(i));
        }
        return current == null ? null : current.get(leaf());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldPath other && segments.equals(other.segments);
    }

    @Override
    public int hashCode() {
        return Objects.hash(segments);
    }

    @Override
    public String toString() {
        return text;
    }
}
