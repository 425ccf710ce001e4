package dev.strangler.connect.legacy.mapping;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A dotted path into a nested event value ({@code policy.holder.address}), parsed once at configuration time.
 * Each segment is a field name; an empty path means the value itself (a scalar record key, say).
 */
public final class FieldPath {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$-]*");

    private final String text;
    private final String[] segments;

    private FieldPath(String text, String[] segments) {
        this.text = text;
        this.segments = segments;
    }

    /** @throws IllegalArgumentException when a segment is empty or not a field name */
    public static FieldPath parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("A field path is required");
        }
        if (text.isEmpty()) {
            return new FieldPath(text, new String[0]);
        }
        String[] segments = text.split("\\.", -1);
        for (String segment : segments) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException("'" + text + "' is not a dotted field path: segment '" + segment
                        + "' must be a field name (letters, digits, '_', '$', '-')");
            }
        }
        return new FieldPath(text, segments);
    }

    /** The value at this path in {@code root}, or null when a step is missing, null or not an object. */
    public Object resolve(Object root) {
        Object current = root;
        for (String segment : segments) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(segment);
        }
        return current;
    }

    public List<String> segments() {
        return List.of(segments);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldPath other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
