package dev.strangler.connect.reconcile.compare;

/** A record field and the target column that holds the same fact. */
public record FieldPair(String field, String column) {
}
