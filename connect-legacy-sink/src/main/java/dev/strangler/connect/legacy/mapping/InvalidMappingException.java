package dev.strangler.connect.legacy.mapping;

import java.util.List;

/** A projection mapping that cannot be used, with every problem found, each prefixed by its path in the document. */
public final class InvalidMappingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public InvalidMappingException(List<String> problems) {
        super(problems.size() == 1 ? problems.get(0) : problems.size() + " problems: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem as {@code path: message}, e.g. {@code events.AddressChanged.writes[0].key[1]: ...}. */
    public List<String> problems() {
        return problems;
    }
}
