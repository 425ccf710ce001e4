package dev.strangler.connect.core.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The statement parts PostgreSQL and Oracle write alike: key predicates, the version guard, UPDATE and DELETE.
 * Composition rather than a dialect base class, so each dialect's file shows all of its SQL.
 */
final class GuardedWriteSql {

    private final SqlDialect dialect;

    GuardedWriteSql(SqlDialect dialect) {
        this.dialect = dialect;
    }

    /** {@code "k1" = ? AND "k2" = ?} */
    String keyMatch(WriteShape shape) {
        requireKey(shape, "match rows");
        return shape.keyColumns().stream().map(c -> dialect.quote(c) + " = ?").collect(Collectors.joining(" AND "));
    }

    /** {@code (<stored> IS NULL OR <stored> < <incoming>)}: the write is newer than the stored row. */
    String newerThanStored(String storedColumn, String incomingValue) {
        return "(" + storedColumn + " IS NULL OR " + storedColumn + " < " + incomingValue + ")";
    }

    DmlStatement update(WriteShape shape) {
        requireKey(shape, "update");
        if (shape.valueColumns().isEmpty()) {
            throw new IllegalArgumentException("An update of " + shape.table() + " needs at least one value column");
        }
        StringBuilder sql = new StringBuilder("UPDATE ").append(dialect.quote(shape.table())).append(" SET ");
        sql.append(shape.valueColumns().stream().map(c -> dialect.quote(c) + " = ?").collect(Collectors.joining(", ")));
        sql.append(" WHERE ").append(keyMatch(shape));
        List<SqlIdentifier> parameters = new ArrayList<>(shape.valueColumns());
        parameters.addAll(shape.keyColumns());
        shape.guardColumn().ifPresent(guard -> {
            sql.append(" AND ").append(newerThanStored(dialect.quote(guard), "?"));
            parameters.add(guard);
        });
        return DmlStatement.singleRow(sql.toString(), parameters);
    }

    DmlStatement delete(WriteShape shape) {
        requireKey(shape, "delete");
        StringBuilder sql = new StringBuilder("DELETE FROM ").append(dialect.quote(shape.table()))
                .append(" WHERE ").append(keyMatch(shape));
        List<SqlIdentifier> parameters = new ArrayList<>(shape.keyColumns());
        shape.guardColumn().ifPresent(guard -> {
            sql.append(" AND ").append(newerThanStored(dialect.quote(guard), "?"));
            parameters.add(guard);
        });
        return DmlStatement.singleRow(sql.toString(), parameters);
    }

    DmlStatement markBeforeDelete(WriteShape shape, SqlIdentifier column) {
        requireKey(shape, "mark rows");
        StringBuilder sql = new StringBuilder("UPDATE ").append(dialect.quote(shape.table())).append(" SET ")
                .append(dialect.quote(column)).append(" = ? WHERE ").append(keyMatch(shape));
        List<SqlIdentifier> parameters = new ArrayList<>();
        parameters.add(column);
        parameters.addAll(shape.keyColumns());
        shape.guardColumn().ifPresent(guard -> {
            sql.append(" AND ").append(newerThanStored(dialect.quote(guard), "?"));
            parameters.add(guard);
        });
        return DmlStatement.singleRow(sql.toString(), parameters);
    }

    DmlStatement selectNewer(WriteShape shape) {
        requireKey(shape, "find rows");
        SqlIdentifier guard = shape.guardColumn().orElseThrow(() ->
                new IllegalArgumentException("Only a guarded shape of " + shape.table() + " has versions to compare"));
        String sql = "SELECT 1 FROM " + dialect.quote(shape.table()) + " WHERE " + keyMatch(shape) + " AND "
                + dialect.quote(guard) + " > ?";
        List<SqlIdentifier> parameters = new ArrayList<>(shape.keyColumns());
        parameters.add(guard);
        return DmlStatement.singleRow(sql, parameters);
    }

    static void requireKey(WriteShape shape, String what) {
        if (shape.keyColumns().isEmpty()) {
            throw new IllegalArgumentException("Key columns are needed to " + what + " in " + shape.table());
        }
    }
}
