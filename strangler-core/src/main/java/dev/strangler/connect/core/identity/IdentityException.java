package dev.strangler.connect.core.identity;

/**
 * A domain id cannot be derived for a record: a key column is null or has a type that has no canonical text.
 * Per-record bad data, so callers quarantine the record rather than fail. Messages name the column, never its value.
 */
public final class IdentityException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public IdentityException(String message) {
        super(message);
    }
}
