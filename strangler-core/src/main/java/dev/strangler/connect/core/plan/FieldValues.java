package dev.strangler.connect.core.plan;

import java.util.Map;

/**
 * The fields of one record as a scope predicate reads them, so a predicate can be evaluated over a map, a Connect
 * {@code Struct} or a JDBC row without copying the record.
 */
@FunctionalInterface
public interface FieldValues {

    /** The value of {@code field}, or null when the record has no such field or it is null. */
    Object get(String field);

    static FieldValues of(Map<String, ?> fields) {
        return fields::get;
    }
}
