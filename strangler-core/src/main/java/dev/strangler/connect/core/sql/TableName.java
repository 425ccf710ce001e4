package dev.strangler.connect.core.sql;

import java.util.Optional;

/**
 * A possibly schema-qualified table name from configuration ({@code legacy.policy_version} or
 * {@code policy_version}); each part is a validated {@link SqlIdentifier}.
 */
public record TableName(Optional<SqlIdentifier> schema, SqlIdentifier table) {

    /** @throws IllegalArgumentException when either part is not a valid identifier or there are more than two parts */
    public static TableName parse(String qualifiedName) {
        if (qualifiedName == null || qualifiedName.isBlank()) {
            throw new IllegalArgumentException("A table name is required");
        }
        String[] parts = qualifiedName.trim().split("\\.", -1);
        if (parts.length == 1) {
            return new TableName(Optional.empty(), SqlIdentifier.of(parts[0]));
        }
        if (parts.length == 2) {
            return new TableName(Optional.of(SqlIdentifier.of(parts[0])), SqlIdentifier.of(parts[1]));
        }
        throw new IllegalArgumentException("'" + qualifiedName + "' is not a table name: use 'table' or 'schema.table'");
    }

    @Override
    public String toString() {
        return schema.map(s -> s + "." + table).orElse(table.toString());
    }
}
