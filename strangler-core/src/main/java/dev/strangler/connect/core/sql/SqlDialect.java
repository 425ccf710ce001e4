package dev.strangler.connect.core.sql;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What differs between the databases our plugins talk to, kept to small pure functions that produce SQL text.
 * A dialect never sees a connector config: the glue passes it names and shapes, and tests check the SQL as text.
 */
public interface SqlDialect {

    /** A short name for logs and config values: {@code postgresql}, {@code oracle}. */
    String name();

    /** The identifier, quoted so that case is kept and no keyword or character can change the statement. */
    default String quote(SqlIdentifier identifier) {
        return '"' + identifier.name() + '"';
    }

    default String quote(TableName table) {
        return table.schema().map(schema -> quote(schema) + ".").orElse("") + quote(table.table());
    }

    default String quotedList(List<SqlIdentifier> identifiers) {
        return identifiers.stream().map(this::quote).collect(Collectors.joining(", "));
    }

    /** Whether the database folds unquoted identifiers to upper case (Oracle) rather than lower case (PostgreSQL). */
    boolean foldsToUpperCase();
}
