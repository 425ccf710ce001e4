package dev.strangler.connect.core.identity;

/** The cross-reference table cannot be read now (connection lost, timeout): a transient condition to retry. */
public final class CrossReferenceUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CrossReferenceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
