package dev.strangler.connect.acl.normalise;

/** A value that cannot be normalised; the message describes the problem without quoting personal data. */
public final class ConversionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public ConversionException(String message) {
        super(message);
    }
}
