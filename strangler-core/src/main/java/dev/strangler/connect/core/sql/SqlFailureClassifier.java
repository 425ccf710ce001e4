package dev.strangler.connect.core.sql;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifies a failed database call by walking its cause chain (and {@link SQLException#getNextException()}),
 * using SQLSTATE classes, the JDBC exception subclasses and, for Oracle, whose SQLSTATEs are coarse, vendor codes.
 *
 * <p>The first transient cause wins: a connection loss is often wrapped in a driver exception whose own SQLSTATE
 * says little. Otherwise the first cause with a SQLSTATE decides. See the PostgreSQL
 * <a href="https://www.postgresql.org/docs/current/errcodes-appendix.html">error codes</a>.
 */
public final class SqlFailureClassifier {

    /** SQLSTATEs (exact) that are transient: serialization failure, deadlock, server shutdown and start-up, lock
     *  timeout, statement cancelled by a server-side timeout, too many connections, out of memory/disk. */
    private static final Set<String> TRANSIENT_STATES = Set.of(
            "40001", "40P01", "57P01", "57P02", "57P03", "55P03", "57014", "53000", "53100", "53200", "53300",
            "58000", "58030");

    /** SQLSTATE classes (first two characters) that are transient: connection exceptions, transaction rollback. */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "40");

    /** Classes that blame one row's data: cardinality (21), data exception (22), integrity constraint (23). */
    private static final Set<String> BAD_ROW_CLASSES = Set.of("21", "22", "23");

    /** A value of the wrong type for its column (42804 datatype_mismatch) is the row's fault, not the schema's. */
    private static final Set<String> BAD_ROW_STATES = Set.of("42804");

    /** Oracle vendor codes: ORA-00060 deadlock, ORA-08177 cannot serialize, ORA-00054 resource busy,
     *  ORA-01033/1034/1089 shutdown and start-up, ORA-03113/03114/03135 lost connection, ORA-12514/12541 listener,
     *  ORA-17002/17008/17410 driver-side I/O and closed connection. */
    private static final Set<Integer> ORACLE_TRANSIENT = Set.of(
            60, 8177, 54, 1033, 1034, 1089, 3113, 3114, 3135, 12514, 12541, 17002, 17008, 17410);

    /** Oracle vendor codes that blame one row: unique (1), not null (1400, 1407), value too large (12899),
     *  precision (1438), invalid number (1722), parent key (2291), child record (2292), check (2290), date (1841,
     *  1843, 1847, 1858, 1861). */
    private static final Set<Integer> ORACLE_BAD_ROW = Set.of(
            1, 1400, 1407, 12899, 1438, 1722, 2290, 2291, 2292, 1841, 1843, 1847, 1858, 1861);

    private SqlFailureClassifier() {
    }

    public static SqlFailure classify(Throwable failure) {
        SqlFailure decided = null;
        for (Throwable cause : causes(failure)) {
            SqlFailure own = classifyOne(cause);
            if (own == SqlFailure.TRANSIENT) {
                return own;
            }
            if (decided == null && own != null) {
                decided = own;
            }
        }
        return decided == null ? SqlFailure.FATAL : decided;
    }

    /** The SQLSTATE of the first cause that has one, for messages; null when none has. */
    public static String sqlState(Throwable failure) {
        for (Throwable cause : causes(failure)) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    /**
     * A one-line description of a database failure that is safe for logs and dead-letter headers: the first line
     * of the most specific SQL error in the chain. Drivers wrap the server's error in batch exceptions whose
     * message repeats the statement with its bound values (pgjdbc's "Batch entry 0 INSERT .. VALUES ('P-2', ..)"),
     * and PostgreSQL appends "Detail:" lines quoting the row; both can carry personal data, the first line of the
     * server's message names only the constraint, column or type.
     */
    public static String summary(Throwable failure) {
        Throwable chosen = failure;
        for (Throwable cause : causes(failure)) {
            if (cause instanceof SQLException && !(cause instanceof java.sql.BatchUpdateException)) {
                chosen = cause;
                // keep the last: the deepest SQL error is the server's own
            }
        }
        if (chosen == null) {
            return "unknown failure";
        }
        String state = chosen instanceof SQLException sql && sql.getSQLState() != null ? "SQLSTATE " + sql.getSQLState() + ": " : "";
        if (chosen instanceof java.sql.BatchUpdateException) {
            return state + "a batched statement failed"; // its message quotes the statement and its values
        }
        String message = chosen.getMessage();
        if (message == null || message.isBlank()) {
            return state + chosen.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        String line = (newline < 0 ? message : message.substring(0, newline)).trim();
        return state + withoutQuotedValues(line);
    }

    /**
     * Server messages quote the offending value in some errors ({@code invalid input syntax for type uuid: "..."},
     * {@code value "..." is out of range}). Summaries reach logs and dead-letter headers, where values (personal
     * data) must not: every quoted token is masked except the names of constraints, columns, relations, tables,
     * indexes and types, which say where the problem is without saying what the data was.
     */
    static String withoutQuotedValues(String message) {
        Matcher quoted = QUOTED.matcher(message);
        StringBuilder masked = new StringBuilder();
        while (quoted.find()) {
            String before = message.substring(0, quoted.start());
            boolean isName = NAME_KINDS.stream().anyMatch(before::endsWith);
            quoted.appendReplacement(masked, isName ? Matcher.quoteReplacement(quoted.group()) : "\"***\"");
        }
        quoted.appendTail(masked);
        return masked.toString();
    }

    private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"");
    private static final List<String> NAME_KINDS = List.of("constraint ", "column ", "relation ", "table ", "index ", "type ");

    /** The classification of one throwable alone, or null when it says nothing. */
    private static SqlFailure classifyOne(Throwable cause) {
        if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException) {
            return SqlFailure.TRANSIENT;
        }
        if (cause instanceof SQLNonTransientConnectionException) {
            return SqlFailure.TRANSIENT; // e.g. "connection has been closed": a new connection is the cure
        }
        if (cause instanceof IOException) {
            return SqlFailure.TRANSIENT; // socket reset/timeout under the driver
        }
        if (!(cause instanceof SQLException sql)) {
            return null;
        }
        if (isOracle(sql)) {
            int code = sql.getErrorCode();
            if (ORACLE_TRANSIENT.contains(code)) {
                return SqlFailure.TRANSIENT;
            }
            if (ORACLE_BAD_ROW.contains(code)) {
                return SqlFailure.BAD_ROW;
            }
        }
        String state = sql.getSQLState();
        if (state == null || state.length() < 2) {
            return null;
        }
        if (TRANSIENT_STATES.contains(state) || TRANSIENT_CLASSES.contains(state.substring(0, 2))) {
            return SqlFailure.TRANSIENT;
        }
        if (BAD_ROW_STATES.contains(state) || BAD_ROW_CLASSES.contains(state.substring(0, 2))) {
            return SqlFailure.BAD_ROW;
        }
        return SqlFailure.FATAL;
    }

    private static boolean isOracle(SQLException sql) {
        String message = sql.getMessage();
        return sql.getClass().getName().startsWith("oracle.") || (message != null && message.startsWith("ORA-"));
    }

    /** The cause chain plus chained next-exceptions, each once (chains can be cyclic in broken drivers). */
    private static Iterable<Throwable> causes(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        ArrayDeque<Throwable> pending = new ArrayDeque<>();
        List<Throwable> ordered = new ArrayList<>();
        if (failure != null) {
            pending.add(failure);
        }
        while (!pending.isEmpty() && ordered.size() < 64) {
            Throwable next = pending.poll();
            if (next == null || seen.put(next, Boolean.TRUE) != null) {
                continue;
            }
            ordered.add(next);
            if (next.getCause() != null) {
                pending.add(next.getCause());
            }
            if (next instanceof SQLException sql && sql.getNextException() != null) {
                pending.add(sql.getNextException());
            }
        }
        return ordered;
    }
}
