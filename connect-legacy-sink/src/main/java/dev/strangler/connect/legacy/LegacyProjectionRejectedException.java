package dev.strangler.connect.legacy;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * The reason a record was sent to the dead-letter queue, as the errant record reporter records it (its message
 * becomes the {@code __connect.errors.exception.message} header). Names fields, columns and SQLSTATEs, never values.
 */
public final class LegacyProjectionRejectedException extends ConnectException {

    private static final long serialVersionUID = 1L;

    public LegacyProjectionRejectedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
