package dev.strangler.connect.legacy.mapping;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.strangler.connect.core.config.EnumValidator;
import dev.strangler.connect.core.mapping.MappingDefinitionException;
import dev.strangler.connect.core.mapping.UnknownValuePolicy;
import dev.strangler.connect.core.mapping.ValueMapping;
import dev.strangler.connect.core.mapping.ValueTranslator;
import dev.strangler.connect.core.origin.OriginMarker;
import dev.strangler.connect.core.plan.MigrationPlan;
import dev.strangler.connect.core.sql.SqlIdentifier;
import dev.strangler.connect.core.sql.TableName;
import dev.strangler.connect.core.sql.WriteShape;
import dev.strangler.connect.legacy.mapping.ColumnSource.Reads;
import dev.strangler.connect.legacy.write.WriteMode;

/**
 * Reads a projection mapping (JSON, or YAML which includes JSON) into a validated {@link ProjectionMapping},
 * collecting every problem with its path in the document rather than stopping at the first. The format is
 * documented in the module's README; in short:
 *
 * <pre>{@code
 * valueMappings: { <name>: { values: {<legacy>: <domain>}, reverse: {<domain>: <legacy>}, unknown: quarantine } }
 * tombstones: <event type whose writes a tombstone triggers>
 * events:
 *   <event type>:
 *     scope: { entity: <plan entity>, fields: { <plan field>: <event field path> } }   # with a migration plan
 *     eventTime: <field path>                                                           # default: record timestamp
 *     writes:
 *       - table: <schema.table>
 *         mode: insert | upsert | update-only | delete
 *         key: [<column>, ...]
 *         columns: { <column>: {field|element|key|constant|template|elementIndex|eventTime: ..., translate: <name>} }
 *         guard: { column: <version column>, field: <path> }     # or any other column source
 *         rows: <array field path>                                 # one row per element (detail rows)
 *         softDelete: { column: <status column>, value: <code> }   # mode delete only
 *         replaceRows: true                                        # detail rows: the event owns the whole set
 * }</pre>
 */
public final class MappingParser {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private static final Set<String> ROOT_KEYS = Set.of("valueMappings", "tombstones", "events");
    private static final Set<String> VALUE_MAPPING_KEYS = Set.of("values", "reverse", "inline", "file", "unknown", "default");
    private static final Set<String> EVENT_KEYS = Set.of("scope", "eventTime", "writes");
    private static final Set<String> SCOPE_KEYS = Set.of("entity", "fields");
    private static final Set<String> WRITE_KEYS = Set.of("table", "mode", "key", "columns", "guard", "rows", "softDelete", "replaceRows");
    private static final Set<String> SOURCE_KINDS = new LinkedHashSet<>(List.of(
            "field", "element", "key", "constant", "template", "elementIndex", "eventTime"));
    private static final Set<String> SOFT_DELETE_KEYS = Set.of("column", "value");

    private final OriginMarker originMarker;
    private final Optional<MigrationPlan> plan;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, ValueTranslator> translators = new LinkedHashMap<>();

    private MappingParser(OriginMarker originMarker, Optional<MigrationPlan> plan) {
        this.originMarker = originMarker;
        this.plan = plan;
    }

    /**
     * @param document     the mapping document
     * @param originMarker the marker every write carries; its column must not be mapped
     * @param plan         the migration plan, when one governs the sink: then every event declares its scope
     * @throws InvalidMappingException listing every problem with its path
     */
    public static ProjectionMapping parse(String document, OriginMarker originMarker, Optional<MigrationPlan> plan) {
        MappingParser parser = new MappingParser(originMarker, plan);
        ProjectionMapping mapping = parser.read(document);
        if (!parser.problems.isEmpty()) {
            throw new InvalidMappingException(parser.problems);
        }
        return mapping;
    }

    private ProjectionMapping read(String document) {
        if (document == null || document.isBlank()) {
            problem("", "the mapping is empty: expected a JSON or YAML document with 'events'");
            return null;
        }
        JsonNode root;
        try {
            root = YAML.readTree(document);
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            problem("", "not valid JSON or YAML: " + e.getOriginalMessage()
                    + (location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")"));
            return null;
        }
        if (root == null || !root.isObject()) {
            problem("", "the mapping must be an object with 'events'");
            return null;
        }
        checkKeys(root, "", ROOT_KEYS);
        readValueMappings(root.get("valueMappings"));

        Map<String, EventProjection> events = new LinkedHashMap<>();
        JsonNode eventsNode = root.get("events");
        if (eventsNode == null || !eventsNode.isObject() || eventsNode.isEmpty()) {
            problem("events", "must be an object with at least one event type");
        } else {
            eventsNode.properties().forEach(entry -> {
                EventProjection event = readEvent(entry.getKey(), entry.getValue(), "events." + entry.getKey());
                if (event != null) {
                    events.put(entry.getKey(), event);
                }
            });
        }

        Optional<String> tombstoneEvent = Optional.empty();
        JsonNode tombstones = root.get("tombstones");
        if (tombstones != null && !tombstones.isNull()) {
            if (!tombstones.isTextual()) {
                problem("tombstones", "must be the name of an event type under 'events'");
            } else if (eventsNode != null && eventsNode.isObject() && !eventsNode.has(tombstones.asText())) {
                problem("tombstones", "'" + tombstones.asText() + "' is not an event type under 'events'");
            } else {
                tombstoneEvent = Optional.of(tombstones.asText());
                EventProjection event = events.get(tombstones.asText());
                if (event != null) {
                    checkTombstoneEvent(event, "events." + tombstones.asText());
                }
            }
        }
        return new ProjectionMapping(events, tombstoneEvent);
    }

    private void readValueMappings(JsonNode node) {
        if (node == null || node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            problem("valueMappings", "must be an object of mapping name to mapping");
            return;
        }
        node.properties().forEach(entry -> {
            String path = "valueMappings." + entry.getKey();
            JsonNode definition = entry.getValue();
            if (!definition.isObject()) {
                problem(path, "must be an object with 'values', 'inline' or 'file'");
                return;
            }
            checkKeys(definition, path, VALUE_MAPPING_KEYS);
            try {
                ValueMapping mapping = valueMapping(definition, path);
                if (mapping == null) {
                    return;
                }
                UnknownValuePolicy policy = definition.has("unknown")
                        ? EnumValidator.parse(UnknownValuePolicy.class, path + ".unknown", definition.get("unknown").asText())
                        : UnknownValuePolicy.QUARANTINE;
                String defaultValue = definition.has("default") ? definition.get("default").asText() : null;
                translators.put(entry.getKey(), ValueTranslator.reverse(mapping, policy, defaultValue));
            } catch (MappingDefinitionException e) {
                problem(path, e.getMessage());
            } catch (org.apache.kafka.common.config.ConfigException e) {
                problem(path + ".unknown", e.getMessage());
            }
        });
    }

    private ValueMapping valueMapping(JsonNode definition, String path) {
        int forms = (definition.has("values") ? 1 : 0) + (definition.has("inline") ? 1 : 0) + (definition.has("file") ? 1 : 0);
        if (forms != 1) {
            problem(path, "give exactly one of 'values' (an object), 'inline' (\"A=ACTIVE, L=LAPSED\") or 'file' (a path on the worker)");
            return null;
        }
        if (definition.has("file")) {
            if (definition.has("reverse")) {
                problem(path + ".reverse", "put the reverse choices in the mapping file");
            }
            Path file = Paths.get(definition.get("file").asText());
            return ValueMapping.load(file);
        }
        if (definition.has("inline")) {
            JsonNode reverse = definition.get("reverse");
            if (reverse != null && !reverse.isTextual()) {
                problem(path + ".reverse", "with 'inline', write the reverse choices inline too: \"LAPSED=L\"");
                return null;
            }
            return ValueMapping.parse(definition.get("inline").asText(), reverse == null ? "" : reverse.asText());
        }
        Map<String, String> values = textEntries(definition.get("values"), path + ".values");
        Map<String, String> reverse = definition.has("reverse") ? textEntries(definition.get("reverse"), path + ".reverse") : Map.of();
        return values == null || reverse == null ? null : ValueMapping.of(values, reverse);
    }

    private Map<String, String> textEntries(JsonNode node, String path) {
        if (!node.isObject()) {
            problem(path, "must be an object of code to value");
            return null;
        }
        Map<String, String> entries = new LinkedHashMap<>();
        node.properties().forEach(entry -> {
            if (!entry.getValue().isValueNode() || entry.getValue().isNull()) {
                problem(path + "." + entry.getKey(), "must be a text or number");
            } else {
                entries.put(entry.getKey(), entry.getValue().asText());
            }
        });
        return entries;
    }

    private EventProjection readEvent(String eventType, JsonNode node, String path) {
        if (!node.isObject()) {
            problem(path, "must be an object with 'writes'");
            return null;
        }
        checkKeys(node, path, EVENT_KEYS);
        Optional<EventProjection.PlanScopeFields> scope = readScope(node.get("scope"), path + ".scope");
        Optional<FieldPath> eventTime = Optional.empty();
        if (node.has("eventTime")) {
            eventTime = Optional.ofNullable(fieldPath(node.get("eventTime"), path + ".eventTime"));
        }
        JsonNode writesNode = node.get("writes");
        List<TableProjection> writes = new ArrayList<>();
        if (writesNode == null || !writesNode.isArray() || writesNode.isEmpty()) {
            problem(path + ".writes", "must be a list of at least one table write");
        } else {
            for (int i = 0; i < writesNode.size(); i++) {
                TableProjection write = readWrite(writesNode.get(i), path + ".writes[" + i + "]");
                if (write != null) {
                    writes.add(write);
                }
            }
        }
        return new EventProjection(eventType, writes, scope, eventTime);
    }

    private Optional<EventProjection.PlanScopeFields> readScope(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            if (plan.isPresent()) {
                problem(path, "a migration plan governs this sink, so each event type names its plan entity: "
                        + "scope: {entity: <entity>, fields: {<plan field>: <event field path>}}");
            }
            return Optional.empty();
        }
        if (!node.isObject()) {
            problem(path, "must be an object with 'entity' and optional 'fields'");
            return Optional.empty();
        }
        checkKeys(node, path, SCOPE_KEYS);
        JsonNode entityNode = node.get("entity");
        if (entityNode == null || !entityNode.isTextual() || entityNode.asText().isBlank()) {
            problem(path + ".entity", "must name an entity of the migration plan");
            return Optional.empty();
        }
        String entity = entityNode.asText();
        List<String> planFields = plan.map(p -> p.entities().get(entity)).orElse(null);
        if (plan.isPresent() && planFields == null) {
            problem(path + ".entity", "'" + entity + "' is not an entity of the migration plan; it has " + plan.get().entities().keySet());
        }
        Map<String, FieldPath> fields = new LinkedHashMap<>();
        JsonNode fieldsNode = node.get("fields");
        if (fieldsNode != null && !fieldsNode.isNull()) {
            if (!fieldsNode.isObject()) {
                problem(path + ".fields", "must be an object of plan field to event field path");
            } else {
                fieldsNode.properties().forEach(entry -> {
                    if (planFields != null && !planFields.contains(entry.getKey())) {
                        problem(path + ".fields." + entry.getKey(), "not a field of plan entity '" + entity + "'; it has " + planFields);
                    }
                    FieldPath fieldPath = fieldPath(entry.getValue(), path + ".fields." + entry.getKey());
                    if (fieldPath != null) {
                        fields.put(entry.getKey(), fieldPath);
                    }
                });
            }
        }
        if (plan.isEmpty()) {
            return Optional.empty(); // nothing to decide without a plan; the declaration is harmless
        }
        return Optional.of(new EventProjection.PlanScopeFields(entity, fields));
    }

    private TableProjection readWrite(JsonNode node, String path) {
        if (!node.isObject()) {
            problem(path, "must be an object with 'table', 'mode', 'key' and 'columns'");
            return null;
        }
        int problemsBefore = problems.size();
        checkKeys(node, path, WRITE_KEYS);

        TableName table = null;
        JsonNode tableNode = node.get("table");
        if (tableNode == null || !tableNode.isTextual()) {
            problem(path + ".table", "required: the legacy table, 'table' or 'schema.table'");
        } else {
            try {
                table = TableName.parse(tableNode.asText());
            } catch (IllegalArgumentException e) {
                problem(path + ".table", e.getMessage());
            }
        }

        ProjectionMode mode = null;
        JsonNode modeNode = node.get("mode");
        if (modeNode == null || !modeNode.isTextual()) {
            problem(path + ".mode", "required: one of insert, upsert, update-only, delete");
        } else {
            try {
                mode = EnumValidator.parse(ProjectionMode.class, path + ".mode", modeNode.asText());
            } catch (org.apache.kafka.common.config.ConfigException e) {
                problem(path + ".mode", "'" + modeNode.asText() + "' is not one of insert, upsert, update-only, delete");
            }
        }

        Optional<FieldPath> rows = Optional.empty();
        if (node.has("rows")) {
            rows = Optional.ofNullable(fieldPath(node.get("rows"), path + ".rows"));
        }
        boolean detailRows = node.has("rows");

        List<SqlIdentifier> key = new ArrayList<>();
        JsonNode keyNode = node.get("key");
        if (keyNode != null && !keyNode.isNull()) {
            if (!keyNode.isArray()) {
                problem(path + ".key", "must be a list of column names");
            } else {
                for (int i = 0; i < keyNode.size(); i++) {
                    SqlIdentifier column = identifier(keyNode.get(i), path + ".key[" + i + "]");
                    if (column != null) {
                        if (key.contains(column)) {
                            problem(path + ".key[" + i + "]", "column " + column + " is listed twice");
                        }
                        key.add(column);
                    }
                }
            }
        }
        if (key.isEmpty() && mode != null && mode != ProjectionMode.INSERT) {
            problem(path + ".key", "required for mode " + EnumValidator.configValue(mode)
                    + ": the columns of a unique key of the table that identify the row");
        }

        Map<SqlIdentifier, ColumnSource> sources = new LinkedHashMap<>();
        JsonNode columnsNode = node.get("columns");
        if (columnsNode == null || !columnsNode.isObject() || columnsNode.isEmpty()) {
            problem(path + ".columns", "must be an object of column name to source, including the key columns");
        } else {
            columnsNode.properties().forEach(entry -> {
                String columnPath = path + ".columns." + entry.getKey();
                SqlIdentifier column = identifier(entry.getKey(), columnPath);
                ColumnSource source = columnSource(entry.getValue(), columnPath, detailRows);
                if (column != null && source != null) {
                    sources.put(column, source);
                }
            });
        }
        for (int i = 0; i < key.size(); i++) {
            if (columnsNode != null && columnsNode.isObject() && !sources.containsKey(key.get(i)) && !columnsNode.has(key.get(i).name())) {
                problem(path + ".key[" + i + "]", "key column " + key.get(i) + " needs a source under 'columns'");
            }
        }
        if (sources.containsKey(originMarker.column())) {
            problem(path + ".columns." + originMarker.column(), "is the origin marker column, which the sink writes itself");
        }

        Optional<TableProjection.Guard> guard = Optional.empty();
        JsonNode guardNode = node.get("guard");
        if (guardNode != null && !guardNode.isNull()) {
            guard = readGuard(guardNode, path + ".guard", detailRows, sources.keySet());
            if (mode == ProjectionMode.INSERT) {
                problem(path + ".guard", "mode insert writes a row only when its key is absent; a version guard has no meaning there");
            }
        }

        Optional<Map.Entry<SqlIdentifier, Object>> softDelete = Optional.empty();
        JsonNode softNode = node.get("softDelete");
        if (softNode != null && !softNode.isNull()) {
            if (mode != null && mode != ProjectionMode.DELETE) {
                problem(path + ".softDelete", "only with mode delete");
            }
            softDelete = readSoftDelete(softNode, path + ".softDelete", sources.keySet());
        }

        if (mode == ProjectionMode.DELETE && softNode == null) {
            for (SqlIdentifier column : sources.keySet()) {
                if (!key.contains(column)) {
                    problem(path + ".columns." + column, "a delete writes no columns but the key (add 'softDelete' to "
                            + "set a status column instead of deleting)");
                }
            }
        }
        List<SqlIdentifier> rowSetKey = List.of();
        JsonNode replaceNode = node.get("replaceRows");
        if (replaceNode != null && !replaceNode.isNull()) {
            if (!replaceNode.isBoolean()) {
                problem(path + ".replaceRows", "must be true or false");
            } else if (replaceNode.asBoolean()) {
                rowSetKey = rowSetKey(path, mode, key, sources, guard, detailRows);
            }
        }
        if (problems.size() > problemsBefore || table == null || mode == null) {
            return null;
        }
        return build(path, table, mode, key, sources, guard, softDelete, rows, rowSetKey);
    }

    /**
     * The parent's key inside a detail table's key: the key columns that do not come from the array element. With
     * {@code replaceRows} the event owns the whole set of rows under that parent key.
     */
    private List<SqlIdentifier> rowSetKey(String path, ProjectionMode mode, List<SqlIdentifier> key,
                                          Map<SqlIdentifier, ColumnSource> sources, Optional<TableProjection.Guard> guard,
                                          boolean detailRows) {
        if (!detailRows) {
            problem(path + ".replaceRows", "only for detail rows: add 'rows' with the array field");
            return List.of();
        }
        if (mode != ProjectionMode.UPSERT && mode != ProjectionMode.INSERT) {
            problem(path + ".replaceRows", "only with mode upsert or insert");
        }
        List<SqlIdentifier> parentKey = new ArrayList<>();
        boolean elementKey = false;
        for (SqlIdentifier column : key) {
            ColumnSource source = sources.get(column);
            if (source == null) {
                return List.of(); // reported already
            }
            if (source.reads().contains(Reads.ELEMENT)) {
                elementKey = true;
            } else {
                parentKey.add(column);
            }
        }
        if (parentKey.isEmpty() || !elementKey) {
            problem(path + ".replaceRows", "the key must combine the parent's key (columns from the event) with the "
                    + "row's own (from the element, e.g. {elementIndex: 1}), so the set of rows to replace is known");
            return List.of();
        }
        if (guard.isPresent() && guard.get().source().reads().contains(Reads.ELEMENT)) {
            problem(path + ".guard", "with replaceRows the version is the event's, not an element's");
        }
        return parentKey;
    }

    private TableProjection build(String path, TableName table, ProjectionMode mode, List<SqlIdentifier> key,
                                  Map<SqlIdentifier, ColumnSource> sources, Optional<TableProjection.Guard> guard,
                                  Optional<Map.Entry<SqlIdentifier, Object>> softDelete, Optional<FieldPath> rows,
                                  List<SqlIdentifier> rowSetKey) {
        boolean hardDelete = mode == ProjectionMode.DELETE && softDelete.isEmpty();
        List<SqlIdentifier> valueColumns = new ArrayList<>();
        Map<SqlIdentifier, Object> fixed = new LinkedHashMap<>();
        if (!hardDelete) {
            sources.keySet().stream().filter(column -> !key.contains(column)).forEach(valueColumns::add);
        }
        softDelete.ifPresent(status -> {
            valueColumns.add(status.getKey());
            fixed.put(status.getKey(), status.getValue());
        });
        guard.ifPresent(g -> valueColumns.add(g.column()));
        // Every write carries the marker; a hard delete stamps it on the row just before deleting it, so the
        // legacy CDC sees the removed row as the sink's (see dev.strangler.connect.core.origin).
        valueColumns.add(originMarker.column());
        fixed.put(originMarker.column(), originMarker.value());

        Map<SqlIdentifier, ColumnSource> used = new LinkedHashMap<>();
        sources.forEach((column, source) -> {
            if (!hardDelete || key.contains(column)) {
                used.put(column, source);
            }
        });
        WriteShape shape = new WriteShape(table, key, valueColumns, guard.map(TableProjection.Guard::column));
        WriteMode writeMode = switch (mode) {
            case INSERT -> WriteMode.INSERT;
            case UPSERT -> WriteMode.UPSERT;
            case UPDATE_ONLY -> WriteMode.UPDATE_ONLY;
            case DELETE -> softDelete.isPresent() ? WriteMode.SOFT_DELETE : WriteMode.DELETE;
        };
        Optional<WriteShape> clearing = Optional.empty();
        if (!rowSetKey.isEmpty()) {
            List<SqlIdentifier> clearingValues = new ArrayList<>();
            guard.ifPresent(g -> clearingValues.add(g.column()));
            clearingValues.add(originMarker.column());
            clearing = Optional.of(new WriteShape(table, rowSetKey, clearingValues, guard.map(TableProjection.Guard::column)));
        }
        return new TableProjection(path, writeMode, shape, used, fixed, guard, rows, clearing);
    }

    private Optional<TableProjection.Guard> readGuard(JsonNode node, String path, boolean detailRows, Set<SqlIdentifier> mapped) {
        if (!node.isObject()) {
            problem(path, "must be an object: {column: <version column>, field: <event field path>} or another column source");
            return Optional.empty();
        }
        SqlIdentifier column = identifier(node.get("column"), path + ".column");
        if (column != null && mapped.contains(column)) {
            problem(path + ".column", "column " + column + " is the guard column; do not map it under 'columns' as well");
        }
        if (column != null && column.equals(originMarker.column())) {
            problem(path + ".column", "is the origin marker column");
        }
        ColumnSource source = columnSource(node, path, detailRows, Set.of("column"));
        if (source instanceof ColumnSource.Constant) {
            problem(path, "a constant version would never let a later write apply");
        }
        return column == null || source == null ? Optional.empty() : Optional.of(new TableProjection.Guard(column, source));
    }

    private Optional<Map.Entry<SqlIdentifier, Object>> readSoftDelete(JsonNode node, String path, Set<SqlIdentifier> mapped) {
        if (!node.isObject()) {
            problem(path, "must be an object: {column: <status column>, value: <deleted code>}");
            return Optional.empty();
        }
        checkKeys(node, path, SOFT_DELETE_KEYS);
        SqlIdentifier column = identifier(node.get("column"), path + ".column");
        if (column != null && mapped.contains(column)) {
            problem(path + ".column", "column " + column + " is set by the soft delete; do not map it under 'columns' as well");
        }
        JsonNode value = node.get("value");
        if (value == null || !value.isValueNode() || value.isNull()) {
            problem(path + ".value", "required: the legacy code that marks a row deleted");
            return Optional.empty();
        }
        return column == null ? Optional.empty() : Optional.of(Map.entry(column, scalarOf(value)));
    }

    private ColumnSource columnSource(JsonNode node, String path, boolean detailRows) {
        return columnSource(node, path, detailRows, Set.of());
    }

    private ColumnSource columnSource(JsonNode node, String path, boolean detailRows, Set<String> otherKeys) {
        if (!node.isObject()) {
            problem(path, "must be an object with one of " + SOURCE_KINDS + ", e.g. {\"field\": \"policy.number\"}");
            return null;
        }
        List<String> kinds = new ArrayList<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (SOURCE_KINDS.contains(name)) {
                kinds.add(name);
            } else if (!name.equals("translate") && !otherKeys.contains(name)) {
                problem(path + "." + name, "unknown key; a column source has one of " + SOURCE_KINDS + " and optionally 'translate'");
            }
        }
        if (kinds.size() != 1) {
            problem(path, kinds.isEmpty() ? "needs one of " + SOURCE_KINDS : "has several sources " + kinds + "; give exactly one");
            return null;
        }
        String kind = kinds.get(0);
        JsonNode value = node.get(kind);
        ColumnSource source = switch (kind) {
            case "field" -> pathSource(value, path + ".field", ColumnSource.EventField::new);
            case "element" -> pathSource(value, path + ".element", ColumnSource.ElementField::new);
            case "key" -> pathSource(value, path + ".key", ColumnSource.KeyField::new);
            case "constant" -> {
                if (!value.isValueNode() || value.isNull()) {
                    problem(path + ".constant", "must be a text, number or boolean (for NULL, leave the column out)");
                    yield null;
                }
                yield new ColumnSource.Constant(scalarOf(value));
            }
            case "template" -> {
                try {
                    yield new ColumnSource.Template(KeyTemplate.parse(value.isTextual() ? value.asText() : null));
                } catch (IllegalArgumentException e) {
                    problem(path + ".template", e.getMessage());
                    yield null;
                }
            }
            case "elementIndex" -> {
                if (!value.isInt() || value.asInt() < 0) {
                    problem(path + ".elementIndex", "must be the number of the first element, usually 1 or 0");
                    yield null;
                }
                yield new ColumnSource.ElementIndex(value.asInt());
            }
            case "eventTime" -> {
                if (!value.isBoolean() || !value.asBoolean()) {
                    problem(path + ".eventTime", "write {\"eventTime\": true}");
                    yield null;
                }
                yield new ColumnSource.EventTime();
            }
            default -> throw new IllegalStateException(kind);
        };
        if (source == null) {
            return null;
        }
        if (!detailRows && source.reads().contains(Reads.ELEMENT)) {
            problem(path + "." + kind, "reads an array element, but this write has no 'rows' array field");
            return null;
        }
        JsonNode translate = node.get("translate");
        if (translate != null) {
            if (!(source instanceof ColumnSource.EventField || source instanceof ColumnSource.ElementField
                    || source instanceof ColumnSource.KeyField)) {
                problem(path + ".translate", "only a field, element or key value can be translated");
                return null;
            }
            ValueTranslator translator = translate.isTextual() ? translators.get(translate.asText()) : null;
            if (translator == null) {
                problem(path + ".translate", "'" + translate.asText() + "' is not a mapping under 'valueMappings' (it has "
                        + translators.keySet() + ")");
                return null;
            }
            return new ColumnSource.Translated(source, translate.asText(), translator);
        }
        return source;
    }

    private ColumnSource pathSource(JsonNode value, String path, java.util.function.Function<FieldPath, ColumnSource> factory) {
        FieldPath fieldPath = fieldPath(value, path);
        return fieldPath == null ? null : factory.apply(fieldPath);
    }

    private void checkTombstoneEvent(EventProjection event, String path) {
        for (int i = 0; i < event.writes().size(); i++) {
            TableProjection write = event.writes().get(i);
            String writePath = path + ".writes[" + i + "]";
            if (write.mode() != WriteMode.DELETE && write.mode() != WriteMode.SOFT_DELETE) {
                problem(writePath + ".mode", "a tombstone can only delete: this event type is named under 'tombstones'");
            }
            if (write.rows().isPresent()) {
                problem(writePath + ".rows", "a tombstone has no value, so no array of rows");
            }
            write.sources().forEach((column, source) -> {
                if (source.reads().contains(Reads.EVENT_VALUE)) {
                    problem(writePath + ".columns." + column, "a tombstone has no value: read the record key ({\"key\": ...}) instead");
                }
            });
            write.guard().ifPresent(guard -> {
                if (guard.source().reads().contains(Reads.EVENT_VALUE)) {
                    problem(writePath + ".guard", "a tombstone has no value: guard with {\"eventTime\": true} or a key field");
                }
            });
        }
        if (event.eventTimeField().isPresent()) {
            problem(path + ".eventTime", "a tombstone has no value: its event time is the record timestamp");
        }
    }

    private FieldPath fieldPath(JsonNode node, String path) {
        if (node == null || !node.isTextual()) {
            problem(path, "must be a dotted field path such as \"policy.number\"");
            return null;
        }
        try {
            return FieldPath.parse(node.asText());
        } catch (IllegalArgumentException e) {
            problem(path, e.getMessage());
            return null;
        }
    }

    private SqlIdentifier identifier(JsonNode node, String path) {
        if (node == null || !node.isTextual()) {
            problem(path, "must be a column name");
            return null;
        }
        return identifier(node.asText(), path);
    }

    private SqlIdentifier identifier(String name, String path) {
        try {
            return SqlIdentifier.of(name);
        } catch (IllegalArgumentException e) {
            problem(path, e.getMessage());
            return null;
        }
    }

    private static Object scalarOf(JsonNode value) {
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isIntegralNumber()) {
            return value.canConvertToLong() ? (Object) value.asLong() : value.bigIntegerValue();
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        return value.asText();
    }

    private void checkKeys(JsonNode node, String path, Set<String> allowed) {
        node.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                problem(path.isEmpty() ? name : path + "." + name, "unknown key; expected one of " + new java.util.TreeSet<>(allowed));
            }
        });
    }

    private void problem(String path, String message) {
        problems.add(path.isEmpty() ? message : path + ": " + message);
    }
}
