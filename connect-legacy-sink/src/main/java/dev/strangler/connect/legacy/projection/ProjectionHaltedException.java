package dev.strangler.connect.legacy.projection;

/** The batch cannot be written and must not be skipped: the task stops (nothing of the batch was committed). */
public final class ProjectionHaltedException extends Exception {

    private static final long serialVersionUID = 1L;

    public ProjectionHaltedException(String message, Throwable cause) {
        super(message, cause);
    }
}
