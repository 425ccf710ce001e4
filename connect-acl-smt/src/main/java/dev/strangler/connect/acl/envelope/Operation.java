package dev.strangler.connect.acl.envelope;

import java.util.Optional;

/**
 * What happened to a legacy row, as Debezium's {@code op} field encodes it. The ACL turns each into a domain event
 * type; {@link #READ} is a snapshot (backfill) read of history, not a new fact.
 */
public enum Operation {
    CREATE("c"),
    UPDATE("u"),
    DELETE("d"),
    READ("r"),
    TRUNCATE("t");

    // values() copies the array on every call, and every change event is looked up here
    private static final Operation[] VALUES = values();

    private final String code;

    Operation(String code) {
        this.code = code;
    }

    /** The one-letter code Debezium writes into {@code op}. */
    public String code() {
        return code;
    }

    /** The operation for a Debezium {@code op} code, or empty for codes the ACL does not handle (e.g. {@code m}). */
    public static Optional<Operation> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        for (Operation operation : VALUES) {
            if (operation.code.equals(code)) {
                return Optional.of(operation);
            }
        }
        return Optional.empty();
    }
}
