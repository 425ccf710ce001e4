package dev.strangler.connect.reconcile;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * The "error" under which a confirmed finding is reported to the dead-letter (mismatch) topic: its class name in
 * the {@code __connect.errors.exception.class.name} header tells findings apart from unreadable records, and its
 * message is the finding's summary, which names fields but never their values.
 */
public class ConfirmedFindingException extends ConnectException {

    public ConfirmedFindingException(String summary) {
        super(summary);
    }
}
