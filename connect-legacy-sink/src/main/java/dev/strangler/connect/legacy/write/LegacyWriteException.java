package dev.strangler.connect.legacy.write;

import dev.strangler.connect.core.sql.SqlFailure;

/**
 * A batch that could not be written: {@link SqlFailure#TRANSIENT} (retry the same batch later; nothing was
 * committed) or {@link SqlFailure#FATAL} (stop; nothing was committed). Bad rows are never reported this way:
 * they come back in {@link LegacyTableWriter.BatchResult#rejected()}.
 */
public final class LegacyWriteException extends Exception {

    private static final long serialVersionUID = 1L;

    private final SqlFailure failure;

    public LegacyWriteException(SqlFailure failure, String message, Throwable cause) {
        super(message, cause);
        this.failure = failure;
    }

    public SqlFailure failure() {
        return failure;
    }
}
