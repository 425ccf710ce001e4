package dev.strangler.connect.outbox.shape;

/**
 * A row that cannot become an event. The message names the column or the place in the JSON that is wrong but never
 * contains the row's values (they can be personal data and the message reaches logs and error-topic headers).
 */
public final class BadRowException extends Exception {

    private final BadRowReason reason;

    public BadRowException(BadRowReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public BadRowReason reason() {
        return reason;
    }
}
