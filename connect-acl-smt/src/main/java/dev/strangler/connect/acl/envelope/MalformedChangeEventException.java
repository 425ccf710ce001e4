package dev.strangler.connect.acl.envelope;

/**
 * A record value that claims to be a Debezium change event but cannot be read as one. The message names the
 * offending envelope field and never contains row values (they may be personal data and end up in headers).
 */
public final class MalformedChangeEventException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public MalformedChangeEventException(String message) {
        super(message);
    }
}
