package dev.strangler.connect.legacy.mapping;

/**
 * An event the mapping cannot project: a missing key field, a value with no legacy code, an array that is not
 * one. The record goes to the dead-letter path with this message as the reason, unless {@link #failsTask()} (a
 * value mapping whose unknown-value policy is {@code fail}). Messages name fields and columns, never values.
 */
public class ProjectionException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean failsTask;

    public ProjectionException(String message) {
        this(message, false);
    }

    public ProjectionException(String message, boolean failsTask) {
        super(message);
        this.failsTask = failsTask;
    }

    public boolean failsTask() {
        return failsTask;
    }
}
