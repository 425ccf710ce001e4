package dev.strangler.connect.core.mapping;

/**
 * A mapping definition that cannot be used: a malformed inline entry, a code mapped twice, an ambiguous reverse.
 * {@link #path()} says where inside the definition the problem is ({@code entry 3}, {@code values.A},
 * {@code reverse.LAPSED}), so a config validator can report {@code <config key>: <path>: <message>}.
 */
public final class MappingDefinitionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String path;

    public MappingDefinitionException(String path, String message) {
        super(path == null || path.isEmpty() ? message : path + ": " + message);
        this.path = path == null ? "" : path;
    }

    /** Where in the definition the problem is; empty when it concerns the definition as a whole. */
    public String path() {
        return path;
    }
}
