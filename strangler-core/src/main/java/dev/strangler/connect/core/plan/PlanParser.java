package dev.strangler.connect.core.plan;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads a plan document (YAML, or JSON, which YAML includes) into a validated {@link MigrationPlan}, collecting
 * every problem with its path inside the document instead of stopping at the first. The document's shape is
 * described in {@code docs/migration-plan.md}; the rules between scopes are in {@link PlanRules}.
 */
public final class PlanParser {

    /** The plan format version this build reads. */
    public static final int CURRENT_VERSION = 1;

    static final String FROM = "from";
    static final String PHASE = "phase";
    static final String SYSTEM_OF_RECORD = "system-of-record";
    static final String WRITE_AUTHORITY = "write-authority";
    static final String PUBLISHER = "publisher";
    static final String CONFLICT = "conflict";

    private static final Set<String> ROOT_KEYS = Set.of("version", "name", "description", "entities", "scopes");
    private static final Set<String> ENTITY_KEYS = Set.of("fields", "description");
    private static final Set<String> SCOPE_KEYS = Set.of("name", "entity", "description", "where", "effective");
    private static final Set<String> ENTRY_KEYS = Set.of(FROM, PHASE, SYSTEM_OF_RECORD, WRITE_AUTHORITY, PUBLISHER, CONFLICT, "note");
    private static final Set<String> CONDITION_KEYS = Set.of("equals", "in", "prefix");

    /** Scope names appear in metric tags, headers and topic names: keep them plain. */
    private static final Pattern SCOPE_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private final List<PlanError> errors = new ArrayList<>();

    private PlanParser() {
    }

    /**
     * @throws InvalidPlanException listing every problem, each with its path in the document
     */
    public static MigrationPlan parse(String document) {
        PlanParser parser = new PlanParser();
        MigrationPlan plan = parser.read(document);
        if (!parser.errors.isEmpty()) {
            throw new InvalidPlanException(parser.errors);
        }
        return plan;
    }

    private MigrationPlan read(String document) {
        if (document == null || document.isBlank()) {
            error("", "the plan is empty: expected a YAML or JSON document with 'version', 'entities' and 'scopes'");
            return null;
        }
        JsonNode root;
        try {
            root = YAML.readTree(document);
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
            error("", "not a valid YAML or JSON document" + where + ": " + firstLine(e.getOriginalMessage()));
            return null;
        }
        if (root == null || !root.isObject()) {
            error("", "the plan must be a mapping with 'version', 'entities' and 'scopes'");
            return null;
        }
        checkKeys(root, "", ROOT_KEYS);
        if (!readVersion(root.get("version"))) {
            return null; // another format version: the rest of the document cannot be read with these rules
        }
        String name = optionalText(root, "name", "");
        optionalText(root, "description", "");
        Map<String, List<String>> entities = readEntities(root.get("entities"));
        List<IndexedScope> scopes = readScopes(root.get("scopes"), entities);
        if (!errors.isEmpty()) {
            return null; // rules between scopes would report the consequences of the errors above, not new problems
        }
        errors.addAll(PlanRules.check(entities, scopes));
        if (!errors.isEmpty()) {
            return null;
        }
        return new MigrationPlan(CURRENT_VERSION, name, entities, scopes.stream().map(IndexedScope::scope).toList());
    }

    /** A scope with the index it has in the document, so rules between scopes can name its path. */
    record IndexedScope(int index, PlanScope scope) {
        String path() {
            return "scopes[" + index + "]";
        }
    }

    private boolean readVersion(JsonNode node) {
        if (node == null || node.isNull()) {
            error("version", "required: the plan format version (" + CURRENT_VERSION + ")");
            return false;
        }
        if (!node.canConvertToExactIntegral() || !node.isNumber()) {
            error("version", "must be an integer, the plan format version (" + CURRENT_VERSION + ")");
            return false;
        }
        if (node.asInt() != CURRENT_VERSION) {
            error("version", "unsupported plan format version " + node.asText() + ": this build reads version " + CURRENT_VERSION);
            return false;
        }
        return true;
    }

    private Map<String, List<String>> readEntities(JsonNode node) {
        Map<String, List<String>> entities = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            error("entities", "required: the entities the plan governs and the fields its scopes may test, "
                    + "e.g. entities: {endorsement: {fields: [product_line, country]}}");
            return entities;
        }
        if (!node.isObject() || node.isEmpty()) {
            error("entities", "must be a non-empty mapping of entity name to {fields: [...]}");
            return entities;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String path = "entities." + entry.getKey();
            if (!IDENTIFIER.matcher(entry.getKey()).matches()) {
                error(path, "entity names use letters, digits and '_', starting with a letter or '_'");
                continue;
            }
            JsonNode entity = entry.getValue();
            if (!entity.isObject()) {
                error(path, "must be a mapping with 'fields'");
                continue;
            }
            checkKeys(entity, path, ENTITY_KEYS);
            optionalText(entity, "description", path);
            entities.put(entry.getKey(), readFieldNames(entity.get("fields"), path + ".fields"));
        }
        return entities;
    }

    private List<String> readFieldNames(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            error(path, "must be a list of field names");
            return List.of();
        }
        Set<String> fields = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode field = node.get(i);
            if (!field.isTextual() || !IDENTIFIER.matcher(field.asText()).matches()) {
                error(path + "[" + i + "]", "not a field name (letters, digits and '_', starting with a letter or '_')");
            } else if (!fields.add(field.asText())) {
                error(path + "[" + i + "]", "field '" + field.asText() + "' is listed twice");
            }
        }
        return List.copyOf(fields);
    }

    private List<IndexedScope> readScopes(JsonNode node, Map<String, List<String>> entities) {
        List<IndexedScope> scopes = new ArrayList<>();
        if (node == null || node.isNull()) {
            error("scopes", "required: the list of scopes, each with 'name', 'entity' and 'effective'");
            return scopes;
        }
        if (!node.isArray() || node.isEmpty()) {
            error("scopes", "must be a non-empty list of scopes");
            return scopes;
        }
        Map<String, Integer> names = new LinkedHashMap<>();
        for (int i = 0; i < node.size(); i++) {
            String path = "scopes[" + i + "]";
            JsonNode scopeNode = node.get(i);
            if (!scopeNode.isObject()) {
                error(path, "must be a mapping with 'name', 'entity' and 'effective'");
                continue;
            }
            int errorsBefore = errors.size();
            checkKeys(scopeNode, path, SCOPE_KEYS);
            optionalText(scopeNode, "description", path);
            String name = requiredText(scopeNode, "name", path);
            if (name != null) {
                if (!SCOPE_NAME.matcher(name).matches()) {
                    error(path + ".name", "'" + name + "' is not a scope name: use lower-case letters, digits, '.', '_' or '-'");
                } else if (names.containsKey(name)) {
                    error(path + ".name", "scope name '" + name + "' is already used by scopes[" + names.get(name) + "]");
                } else {
                    names.put(name, i);
                }
            }
            String entity = requiredText(scopeNode, "entity", path);
            List<String> fields = null;
            if (entity != null) {
                fields = entities.get(entity);
                if (fields == null && !entities.isEmpty()) {
                    error(path + ".entity", "unknown entity '" + entity + "' (declared: " + String.join(", ", entities.keySet()) + ")");
                }
            }
            ScopePredicate predicate = readPredicate(scopeNode.get("where"), path + ".where", entity, fields);
            List<AuthorityDecision> timeline = readTimeline(scopeNode.get("effective"), path + ".effective",
                    name == null ? "?" : name, entity == null ? "?" : entity);
            if (errors.size() == errorsBefore && fields != null) {
                scopes.add(new IndexedScope(i, new PlanScope(name, entity, predicate, timeline)));
            }
        }
        return scopes;
    }

    private ScopePredicate readPredicate(JsonNode node, String path, String entity, List<String> fields) {
        if (node == null || node.isNull()) {
            return ScopePredicate.all();
        }
        if (!node.isObject()) {
            error(path, "must be a mapping of field to value, list of values or {prefix: ...}");
            return ScopePredicate.all();
        }
        if (node.isEmpty()) {
            error(path, "is empty: leave 'where' out for a scope that covers every record of the entity");
            return ScopePredicate.all();
        }
        List<FieldCondition> conditions = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String field = entry.getKey();
            String fieldPath = path + "." + field;
            if (fields != null && !fields.contains(field)) {
                error(fieldPath, "'" + field + "' is not a field of entity '" + entity + "' (fields: "
                        + (fields.isEmpty() ? "none declared" : String.join(", ", fields)) + ")");
                continue;
            }
            FieldCondition condition = readCondition(field, entry.getValue(), fieldPath);
            if (condition != null) {
                conditions.add(condition);
            }
        }
        return ScopePredicate.of(conditions);
    }

    private FieldCondition readCondition(String field, JsonNode node, String path) {
        if (node.isArray()) {
            Set<String> values = readValues(node, path);
            return values == null ? null : FieldCondition.oneOf(field, values);
        }
        if (!node.isObject()) {
            String value = scalar(node, path);
            return value == null ? null : FieldCondition.oneOf(field, Set.of(value));
        }
        if (node.size() != 1 || !CONDITION_KEYS.contains(node.fieldNames().next())) {
            error(path, "a condition is a value, a list of values, or exactly one of {equals: v}, {in: [v, ...]}, {prefix: p or [p, ...]}");
            return null;
        }
        String operator = node.fieldNames().next();
        JsonNode operand = node.get(operator);
        String operandPath = path + "." + operator;
        switch (operator) {
            case "equals" -> {
                String value = scalar(operand, operandPath);
                return value == null ? null : FieldCondition.oneOf(field, Set.of(value));
            }
            case "in" -> {
                if (!operand.isArray()) {
                    error(operandPath, "must be a list of values");
                    return null;
                }
                Set<String> values = readValues(operand, operandPath);
                return values == null ? null : FieldCondition.oneOf(field, values);
            }
            default -> {
                Set<String> prefixes = operand.isArray() ? readValues(operand, operandPath) : singleton(scalar(operand, operandPath));
                if (prefixes == null) {
                    return null;
                }
                if (prefixes.contains("")) {
                    error(operandPath, "an empty prefix matches every value: leave the field out instead");
                    return null;
                }
                return FieldCondition.prefix(field, prefixes);
            }
        }
    }

    private Set<String> readValues(JsonNode array, String path) {
        if (array.isEmpty()) {
            error(path, "an empty list matches nothing");
            return null;
        }
        Set<String> values = new LinkedHashSet<>();
        boolean ok = true;
        for (int i = 0; i < array.size(); i++) {
            String value = scalar(array.get(i), path + "[" + i + "]");
            if (value == null) {
                ok = false;
            } else {
                values.add(value);
            }
        }
        return ok ? values : null;
    }

    private static Set<String> singleton(String value) {
        return value == null ? null : Set.of(value);
    }

    private String scalar(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            error(path, "null matches nothing: records whose field is missing or null never match a condition");
            return null;
        }
        if (node.isNumber()) {
            return FieldCondition.canonical(node.decimalValue());
        }
        if (node.isTextual() || node.isBoolean()) {
            return node.asText();
        }
        error(path, "must be a text, number or boolean value");
        return null;
    }

    private List<AuthorityDecision> readTimeline(JsonNode node, String path, String scope, String entity) {
        List<AuthorityDecision> timeline = new ArrayList<>();
        if (node == null || node.isNull()) {
            error(path, "required: the scope's timeline, a list of entries each with 'from' and the authority from then on");
            return timeline;
        }
        if (!node.isArray() || node.isEmpty()) {
            error(path, "must be a non-empty list of timeline entries");
            return timeline;
        }
        // Inheritance follows the last readable attributes even when an entry's time is broken, so that one typo
        // does not hide the problems of the entries after it.
        AuthorityDecision inherited = null;
        Instant lastFrom = null;
        for (int i = 0; i < node.size(); i++) {
            String entryPath = path + "[" + i + "]";
            JsonNode entry = node.get(i);
            if (!entry.isObject()) {
                error(entryPath, "must be a mapping with 'from' and authority attributes");
                inherited = null;
                continue;
            }
            checkKeys(entry, entryPath, ENTRY_KEYS);
            optionalText(entry, "note", entryPath);
            Instant from = readInstant(entry.get(FROM), entryPath + "." + FROM);
            if (from != null && lastFrom != null && !from.isAfter(lastFrom)) {
                error(entryPath + "." + FROM, from + " is not after the previous entry's " + lastFrom
                        + ": entries must be in strictly increasing effective time");
                from = null;
            }
            if (from != null) {
                lastFrom = from;
            }
            boolean first = i == 0;
            Phase phase = attribute(entry, PHASE, entryPath, first, inherited == null ? null : inherited.phase(),
                    text -> Phase.parse(text).orElse(null), "1-5 or mirror, partial-extraction, write-ownership-shifted, reads-retired, decommissioned");
            Side systemOfRecord = enumAttribute(entry, SYSTEM_OF_RECORD, entryPath, first, inherited == null ? null : inherited.systemOfRecord(), Side.class);
            Side writeAuthority = enumAttribute(entry, WRITE_AUTHORITY, entryPath, first, inherited == null ? null : inherited.writeAuthority(), Side.class);
            Side publisher = enumAttribute(entry, PUBLISHER, entryPath, first, inherited == null ? null : inherited.publisher(), Side.class);
            ConflictRule conflict = enumAttribute(entry, CONFLICT, entryPath, first, inherited == null ? null : inherited.conflictRule(), ConflictRule.class);
            if (phase == null || systemOfRecord == null || writeAuthority == null || publisher == null || conflict == null) {
                inherited = null; // later entries cannot inherit from a broken one; their own errors still show
                continue;
            }
            // The combination is checked even when the time is broken; such an entry is not added to the timeline.
            AuthorityDecision decision = new AuthorityDecision(scope, entity, from == null ? Instant.EPOCH : from, phase,
                    systemOfRecord, writeAuthority, publisher, conflict);
            errors.addAll(PlanRules.checkCombination(decision, entryPath));
            inherited = decision;
            if (from != null) {
                timeline.add(decision);
            }
        }
        return timeline;
    }

    private <E extends Enum<E>> E enumAttribute(JsonNode entry, String key, String entryPath, boolean first, E inherited, Class<E> type) {
        String allowed = Arrays.stream(type.getEnumConstants()).map(PlanParser::label).collect(Collectors.joining(", "));
        return attribute(entry, key, entryPath, first, inherited, text -> {
            String normalised = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(normalised)) {
                    return constant;
                }
            }
            return null;
        }, allowed);
    }

    private <T> T attribute(JsonNode entry, String key, String entryPath, boolean first, T inherited,
                            Function<String, T> parse, String allowed) {
        JsonNode node = entry.get(key);
        if (node == null || node.isNull()) {
            if (first) {
                error(entryPath, "missing '" + key + "': the first entry of a timeline states every attribute "
                        + "(later entries repeat only what changes)");
            }
            return inherited;
        }
        T value = node.isValueNode() ? parse.apply(node.asText()) : null;
        if (value == null) {
            error(entryPath + "." + key, "'" + node.asText() + "' is not one of " + allowed);
        }
        return value;
    }

    private Instant readInstant(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            error(path, "required: the instant this entry takes effect, e.g. 2026-03-01T00:00:00Z");
            return null;
        }
        String text = node.asText();
        if (node.isTextual()) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        error(path, "not an ISO-8601 instant with a UTC offset (e.g. 2026-03-01T00:00:00Z): '" + text + "'");
        return null;
    }

    private void checkKeys(JsonNode node, String path, Set<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                error(path.isEmpty() ? key : path + "." + key,
                        "unknown key (expected one of " + allowed.stream().sorted().collect(Collectors.joining(", ")) + ")");
            }
        }
    }

    private String requiredText(JsonNode node, String key, String path) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            error(path + "." + key, "required");
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            error(path + "." + key, "must be a non-empty text");
            return null;
        }
        return value.asText();
    }

    private String optionalText(JsonNode node, String key, String path) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            error(path.isEmpty() ? key : path + "." + key, "must be a text");
            return null;
        }
        return value.asText();
    }

    private void error(String path, String message) {
        errors.add(new PlanError(path, message));
    }

    static String label(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
