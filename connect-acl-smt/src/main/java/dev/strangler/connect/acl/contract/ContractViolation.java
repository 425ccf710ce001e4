package dev.strangler.connect.acl.contract;

/** A record (or a record schema) that cannot be made to fit the contract; the message names the field. */
public final class ContractViolation extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public ContractViolation(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    /** The dotted path of the contract field concerned. */
    public String field() {
        return field;
    }
}
