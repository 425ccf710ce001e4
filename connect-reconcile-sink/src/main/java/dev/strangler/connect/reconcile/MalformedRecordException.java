package dev.strangler.connect.reconcile;

import org.apache.kafka.connect.errors.DataException;

/** A record the reconciliation cannot read (no key field, unsupported value); it goes to the dead-letter queue. */
public class MalformedRecordException extends DataException {

    public MalformedRecordException(String message) {
        super(message);
    }
}
