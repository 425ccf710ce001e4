package dev.strangler.connect.legacy.mapping;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A derived legacy key built from several values: {@code "{policy.number}-{element:lineNo}"}. A placeholder
 * {@code {path}} reads a field of the event value, {@code {element:path}} a field of a detail row's element and
 * {@code {key:path}} a field of the record key; {@code {{} and {@code }}} are literal braces. Every placeholder
 * must have a value: a legacy key with a missing part would silently collide with another.
 */
public final class KeyTemplate {

    private sealed interface Part permits Literal, Placeholder {
    }

    private record Literal(String text) implements Part {
    }

    private record Placeholder(ColumnSource source, String spelling) implements Part {
    }

    private final String text;
    private final List<Part> parts;

    private KeyTemplate(String text, List<Part> parts) {
        this.text = text;
        this.parts = parts;
    }

    /** @throws IllegalArgumentException naming the position of an unbalanced brace or a bad placeholder */
    public static KeyTemplate parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("a template must not be empty");
        }
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '{' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                literal.append('{');
                i += 2;
            } else if (c == '}' && i + 1 < text.length() && text.charAt(i + 1) == '}') {
                literal.append('}');
                i += 2;
            } else if (c == '{') {
                int end = text.indexOf('}', i);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed '{' at position " + i + " of template '" + text + "'");
                }
                if (!literal.isEmpty()) {
                    parts.add(new Literal(literal.toString()));
                    literal.setLength(0);
                }
                parts.add(placeholder(text.substring(i + 1, end), text));
                i = end + 1;
            } else if (c == '}') {
                throw new IllegalArgumentException("unmatched '}' at position " + i + " of template '" + text
                        + "' (write '}}' for a literal brace)");
            } else {
                literal.append(c);
                i++;
            }
        }
        if (!literal.isEmpty()) {
            parts.add(new Literal(literal.toString()));
        }
        if (parts.stream().noneMatch(part -> part instanceof Placeholder)) {
            throw new IllegalArgumentException("template '" + text + "' has no placeholder: use a constant instead");
        }
        return new KeyTemplate(text, List.copyOf(parts));
    }

    private static Placeholder placeholder(String spelling, String text) {
        try {
            if (spelling.startsWith("element:")) {
                return new Placeholder(new ColumnSource.ElementField(FieldPath.parse(spelling.substring("element:".length()))), spelling);
            }
            if (spelling.startsWith("key:")) {
                return new Placeholder(new ColumnSource.KeyField(FieldPath.parse(spelling.substring("key:".length()))), spelling);
            }
            return new Placeholder(new ColumnSource.EventField(FieldPath.parse(spelling)), spelling);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("placeholder {" + spelling + "} of template '" + text + "': " + e.getMessage(), e);
        }
    }

    String render(RowScope scope) throws ProjectionException {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Literal literal) {
                out.append(literal.text());
            } else if (part instanceof Placeholder placeholder) {
                Object value = placeholder.source().value(scope);
                if (value == null) {
                    throw new ProjectionException("template '" + text + "': {" + placeholder.spelling() + "} has no value");
                }
                out.append(value instanceof java.math.BigDecimal decimal ? decimal.toPlainString() : value.toString());
            }
        }
        return out.toString();
    }

    List<ColumnSource.Reads> reads() {
        Set<ColumnSource.Reads> reads = new LinkedHashSet<>();
        for (Part part : parts) {
            if (part instanceof Placeholder placeholder) {
                reads.addAll(placeholder.source().reads());
            }
        }
        return List.copyOf(reads);
    }

    @Override
    public String toString() {
        return text;
    }
}
