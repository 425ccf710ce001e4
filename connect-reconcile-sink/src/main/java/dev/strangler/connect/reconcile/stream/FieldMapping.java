package dev.strangler.connect.reconcile.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.strangler.connect.core.sql.SqlIdentifier;
import dev.strangler.connect.reconcile.compare.FieldPair;

/**
 * The identity mapping between records and target rows: which record fields form the key and which target columns
 * hold them, and which fields are compared with which columns. Compared fields are either listed explicitly or,
 * when none are listed, every record field (other than key and ignored fields) that has a column of the same name
 * in the target table, matched case-insensitively.
 */
public final class FieldMapping {

    private final List<FieldPair> keyPairs;
    private final List<FieldPair> explicitPairs;
    private final Set<String> ignoredFields;
    private final Function<String, Optional<SqlIdentifier>> targetColumn;
    private final Optional<VersionGuard> versionGuard;
    private final Map<Set<String>, List<FieldPair>> implicitPairsByFieldSet = new ConcurrentHashMap<>();
    private final Map<List<FieldPair>, List<SqlIdentifier>> valueColumnsByPairs = new ConcurrentHashMap<>();

    /**
     * @param keyPairs      key fields and their (catalogue-spelled) target columns, in key order
     * @param explicitPairs compared fields and columns; empty for "every same-named column"
     * @param targetColumn  finds a target column by a field name, case-insensitively
     */
    public FieldMapping(List<FieldPair> keyPairs, List<FieldPair> explicitPairs, Set<String> ignoredFields,
                        Function<String, Optional<SqlIdentifier>> targetColumn, Optional<VersionGuard> versionGuard) {
        this.keyPairs = List.copyOf(keyPairs);
        this.explicitPairs = List.copyOf(explicitPairs);
        this.ignoredFields = Set.copyOf(ignoredFields);
        this.targetColumn = targetColumn;
        this.versionGuard = versionGuard;
    }

    public List<FieldPair> keyPairs() {
        return keyPairs;
    }

    public List<String> keyFields() {
        return keyPairs.stream().map(FieldPair::field).toList();
    }

    public List<SqlIdentifier> keyColumns() {
        return keyPairs.stream().map(p -> SqlIdentifier.of(p.column())).toList();
    }

    public Optional<VersionGuard> versionGuard() {
        return versionGuard;
    }

    public boolean isExplicit() {
        return !explicitPairs.isEmpty();
    }

    /** The compared pairs for a record with these fields. */
    public List<FieldPair> pairsFor(Set<String> recordFields) {
        if (isExplicit()) {
            return explicitPairs;
        }
        return implicitPairsByFieldSet.computeIfAbsent(Set.copyOf(recordFields), fields -> {
            Set<String> keyFields = Set.copyOf(keyFields());
            List<FieldPair> pairs = new ArrayList<>();
            for (String field : new TreeSet<>(fields)) {
                if (keyFields.contains(field) || ignoredFields.contains(field)) {
                    continue;
                }
                targetColumn.apply(field).ifPresent(column -> pairs.add(new FieldPair(field, column.name())));
            }
            return List.copyOf(pairs);
        });
    }

    /** The record fields that have no column to compare with (implicit mode), for a one-time notice. */
    public Set<String> unmatchedFields(Set<String> recordFields) {
        Set<String> unmatched = new TreeSet<>();
        for (String field : recordFields) {
            if (!keyFields().contains(field) && !ignoredFields.contains(field) && targetColumn.apply(field).isEmpty()) {
                unmatched.add(field);
            }
        }
        return unmatched;
    }

    /** The non-key columns to read for rows compared through these pairs (plus the version column). */
    public List<SqlIdentifier> valueColumns(List<FieldPair> pairs) {
        // Validating identifiers is a regular expression per column: done once per distinct pair list, not per record.
        return valueColumnsByPairs.computeIfAbsent(pairs, this::deriveValueColumns);
    }

    private List<SqlIdentifier> deriveValueColumns(List<FieldPair> pairs) {
        Set<String> names = new java.util.LinkedHashSet<>();
        pairs.forEach(p -> names.add(p.column()));
        versionGuard.ifPresent(g -> names.add(g.column()));
        keyPairs.forEach(p -> names.remove(p.column()));
        return List.copyOf(names.stream().map(SqlIdentifier::of).toList());
    }
}
