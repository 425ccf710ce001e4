package dev.strangler.connect.reconcile;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Tells failures worth retrying (a lost connection, a serialisation failure, a deadlock, a server shutting down)
 * from permanent ones (a missing table, a type mismatch), by walking the cause chain for SQL states.
 */
final class TransientFailures {

    private TransientFailures() {
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // 08: connection exception; 40001 serialization failure; 40P01 deadlock; 53: insufficient resources;
                // 57P01-03: admin shutdown, crash shutdown, cannot connect now (PostgreSQL appendix A).
                if (state.startsWith("08") || state.equals("40001") || state.equals("40P01") || state.startsWith("53")
                        || state.startsWith("57P0")) {
                    return true;
                }
            }
        }
        return false;
    }
}
