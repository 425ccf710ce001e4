package dev.strangler.connect.legacy.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.strangler.connect.core.plan.MigrationPlan;
import dev.strangler.connect.core.sql.SqlIdentifier;
import dev.strangler.connect.legacy.write.WriteMode;

class MappingParserTest {

    @Test
    void readsAHeaderAndDetailMappingIntoStatementShapes() {
        ProjectionMapping mapping = MappingFixtures.endorsementMapping();

        assertThat(mapping.eventTypes()).containsExactlyInAnyOrder("EndorsementApproved", "EndorsementCancelled", "EndorsementWithdrawn");
        assertThat(mapping.tombstoneEvent()).contains("EndorsementWithdrawn");

        List<TableProjection> approved = mapping.forType("EndorsementApproved").orElseThrow().writes();
        assertThat(approved).extracting(w -> w.table().toString()).containsExactly("legacy.policy_version", "legacy.policy_version_line");
        TableProjection header = approved.get(0);
        assertThat(header.mode()).isEqualTo(WriteMode.UPSERT);
        assertThat(header.shape().keyColumns()).extracting(SqlIdentifier::name).containsExactly("policy_no", "version_seq");
        assertThat(header.shape().valueColumns()).extracting(SqlIdentifier::name)
                .containsExactly("txn_code", "legacy_ref", "source_system", "approved_at", "event_version", "strangler_origin");
        assertThat(header.shape().guardColumn()).contains(SqlIdentifier.of("event_version"));
        assertThat(approved.get(1).rows()).map(FieldPath::toString).contains("lines");

        TableProjection soft = mapping.forType("EndorsementCancelled").orElseThrow().writes().get(0);
        assertThat(soft.mode()).isEqualTo(WriteMode.SOFT_DELETE);
        assertThat(soft.shape().valueColumns()).extracting(SqlIdentifier::name).containsExactly("status_cd", "event_version", "strangler_origin");
        assertThat(soft.fixedValues()).containsEntry(SqlIdentifier.of("status_cd"), "X");

        TableProjection hard = mapping.forType("EndorsementWithdrawn").orElseThrow().writes().get(0);
        assertThat(hard.mode()).isEqualTo(WriteMode.DELETE);
        assertThat(hard.shape().valueColumns()).extracting(SqlIdentifier::name).containsExactly("strangler_origin");
    }

    @Test
    void acceptsYaml() {
        String yaml = """
                events:
                  AddressChanged:
                    writes:
                      - table: policy_address
                        mode: update-only
                        key: [policy_no]
                        columns:
                          policy_no: {field: policyNumber}
                          street: {field: address.street}
                        guard: {column: addr_version, field: version}
                """;
        ProjectionMapping mapping = MappingParser.parse(yaml, MappingFixtures.MARKER, Optional.empty());
        assertThat(mapping.forType("AddressChanged").orElseThrow().writes().get(0).mode()).isEqualTo(WriteMode.UPDATE_ONLY);
    }

    static Stream<Arguments> invalidMappings() {
        return Stream.of(
                Arguments.of("not JSON", "{events: [", "not valid JSON or YAML"),
                Arguments.of("no events", "{\"events\": {}}", "events: must be an object with at least one event type"),
                Arguments.of("unknown root key", "{\"event\": {}}", "event: unknown key"),
                Arguments.of("table injection", write("\"table\": \"policy; DROP TABLE policy\", \"mode\": \"upsert\", \"key\": [\"id\"], \"columns\": {\"id\": {\"field\": \"id\"}}"),
                        "events.E.writes[0].table: 'policy; DROP TABLE policy' is not a valid SQL identifier"),
                Arguments.of("column injection", write("\"table\": \"policy\", \"mode\": \"upsert\", \"key\": [\"id\"], \"columns\": {\"id\": {\"field\": \"id\"}, \"x\\\" = 1; --\": {\"field\": \"x\"}}"),
                        "events.E.writes[0].columns.x\" = 1; --: 'x\" = 1; --' is not a valid SQL identifier"),
                Arguments.of("three-part table", write("\"table\": \"a.b.c\", \"mode\": \"insert\", \"columns\": {\"id\": {\"field\": \"id\"}}"),
                        "events.E.writes[0].table: 'a.b.c' is not a table name"),
                Arguments.of("unknown mode", write("\"table\": \"t\", \"mode\": \"merge\", \"key\": [\"id\"], \"columns\": {\"id\": {\"field\": \"id\"}}"),
                        "events.E.writes[0].mode: 'merge' is not one of insert, upsert, update-only, delete"),
                Arguments.of("upsert without key", write("\"table\": \"t\", \"mode\": \"upsert\", \"columns\": {\"id\": {\"field\": \"id\"}}"),
                        "events.E.writes[0].key: required for mode upsert"),
                Arguments.of("key without source", write("\"table\": \"t\", \"mode\": \"upsert\", \"key\": [\"id\"], \"columns\": {\"name\": {\"field\": \"n\"}}"),
                        "events.E.writes[0].key[0]: key column id needs a source under 'columns'"),
                Arguments.of("two sources", write("\"table\": \"t\", \"mode\": \"upsert\", \"key\": [\"id\"], \"columns\": {\"id\": {\"field\": \"id\", \"constant\": 1}}"),
                        "events.E.writes[0].columns.id: has several sources [field, constant]"),
                Arguments.of("bad field path", write("\"table\": \"t\", \"mode\": \"upsert\", \"key\": [\"id\"], \"columns\": {\"id\": {\"field\": \"a..b\"}}"),
                        "events.E.writes[0].columns.id.field: 'a..b' is not a dotted field path"),
                Arguments.of("element without rows", write("\"table\": \"t\", \"mode\": \"upsert\", \"key\": [\"id\"], \"columns\": {\"id\": {\"element\": \"id\"}}"),
                        "events.E.writes[0].columns.id.element: reads an array element, but this write has no 'rows' array field"),
                Arguments.of("unknown translation", write("\"table\": \"t\", \"mode\": \"upsert\", \"key\": [\"id\"], \"columns\": {\"id\": {\"field\": \"id\"}, \"s\": {\"field\": \"s\", \"translate\": \"status\"}}"),
                        "events.E.writes[0].columns.s.translate: 'status' is not a mapping under 'valueMappings'"),
                Arguments.of("guard on insert", write("\"table\": \"t\", \"mode\": \"insert\", \"key\": [\"id\"], \"columns\": {\"id\": {\"field\": \"id\"}}, \"guard\": {\"column\": \"v\", \"field\": \"v\"}"),
                        "events.E.writes[0].guard: mode insert writes a row only when its key is absent"),
                Arguments.of("guard column also mapped", write("\"table\": \"t\", \"mode\": \"upsert\", \"key\": [\"id\"], \"columns\": {\"id\": {\"field\": \"id\"}, \"v\": {\"field\": \"v\"}}, \"guard\": {\"column\": \"v\", \"field\": \"v\"}"),
                        "events.E.writes[0].guard.column: column v is the guard column; do not map it under 'columns' as well"),
                Arguments.of("constant guard", write("\"table\": \"t\", \"mode\": \"upsert\", \"key\": [\"id\"], \"columns\": {\"id\": {\"field\": \"id\"}}, \"guard\": {\"column\": \"v\", \"constant\": 1}"),
                        "events.E.writes[0].guard: a constant version would never let a later write apply"),
                Arguments.of("origin column mapped", write("\"table\": \"t\", \"mode\": \"upsert\", \"key\": [\"id\"], \"columns\": {\"id\": {\"field\": \"id\"}, \"strangler_origin\": {\"constant\": \"me\"}}"),
                        "events.E.writes[0].columns.strangler_origin: is the origin marker column"),
                Arguments.of("hard delete writing columns", write("\"table\": \"t\", \"mode\": \"delete\", \"key\": [\"id\"], \"columns\": {\"id\": {\"field\": \"id\"}, \"name\": {\"field\": \"n\"}}"),
                        "events.E.writes[0].columns.name: a delete writes no columns but the key"),
                Arguments.of("soft delete on upsert", write("\"table\": \"t\", \"mode\": \"upsert\", \"key\": [\"id\"], \"columns\": {\"id\": {\"field\": \"id\"}}, \"softDelete\": {\"column\": \"st\", \"value\": \"X\"}"),
                        "events.E.writes[0].softDelete: only with mode delete"),
                Arguments.of("bad template", write("\"table\": \"t\", \"mode\": \"upsert\", \"key\": [\"id\"], \"columns\": {\"id\": {\"template\": \"{policy.number-{seq}\"}}"),
                        "events.E.writes[0].columns.id.template: placeholder {policy.number-{seq} of template"),
                Arguments.of("replaceRows without rows", write("\"table\": \"t\", \"mode\": \"upsert\", \"key\": [\"id\"], \"columns\": {\"id\": {\"field\": \"id\"}}, \"replaceRows\": true"),
                        "events.E.writes[0].replaceRows: only for detail rows"),
                Arguments.of("replaceRows with an element-only key", write("\"table\": \"t\", \"mode\": \"upsert\", \"rows\": \"lines\", \"key\": [\"n\"], \"columns\": {\"n\": {\"elementIndex\": 1}}, \"replaceRows\": true"),
                        "events.E.writes[0].replaceRows: the key must combine the parent's key"),
                Arguments.of("replaceRows on update-only", write("\"table\": \"t\", \"mode\": \"update-only\", \"rows\": \"lines\", \"key\": [\"id\", \"n\"], \"columns\": {\"id\": {\"field\": \"id\"}, \"n\": {\"elementIndex\": 1}}, \"replaceRows\": true"),
                        "events.E.writes[0].replaceRows: only with mode upsert or insert"),
                Arguments.of("non-invertible value mapping",
                        "{\"valueMappings\": {\"st\": {\"inline\": \"L=LAPSED, X=LAPSED\"}}, " + write("\"table\": \"t\", \"mode\": \"upsert\", \"key\": [\"id\"], \"columns\": {\"id\": {\"field\": \"id\"}}").substring(1),
                        "valueMappings.st: reverse: mapping is not invertible"),
                Arguments.of("tombstone reading the value",
                        "{\"tombstones\": \"E\", " + write("\"table\": \"t\", \"mode\": \"delete\", \"key\": [\"id\"], \"columns\": {\"id\": {\"field\": \"id\"}}").substring(1),
                        "events.E.writes[0].columns.id: a tombstone has no value: read the record key"),
                Arguments.of("tombstone naming an unknown event",
                        "{\"tombstones\": \"Nope\", " + write("\"table\": \"t\", \"mode\": \"delete\", \"key\": [\"id\"], \"columns\": {\"id\": {\"key\": \"id\"}}").substring(1),
                        "tombstones: 'Nope' is not an event type under 'events'"));
    }

    private static String write(String body) {
        return "{\"events\": {\"E\": {\"writes\": [{" + body + "}]}}}";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidMappings")
    void reportsEachProblemWithItsPath(String description, String document, String expected) {
        assertThatThrownBy(() -> MappingParser.parse(document, MappingFixtures.MARKER, Optional.empty()))
                .isInstanceOfSatisfying(InvalidMappingException.class,
                        e -> assertThat(e.problems()).anySatisfy(problem -> assertThat(problem).contains(expected)));
    }

    @Test
    void reportsAllProblemsAtOnce() {
        String document = "{\"events\": {\"E\": {\"writes\": [{\"table\": \"bad table\", \"mode\": \"nope\", \"columns\": {}}]}}}";
        assertThatThrownBy(() -> MappingParser.parse(document, MappingFixtures.MARKER, Optional.empty()))
                .isInstanceOfSatisfying(InvalidMappingException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).startsWith("events.E.writes[0].table:"))
                        .anySatisfy(p -> assertThat(p).startsWith("events.E.writes[0].mode:"))
                        .anySatisfy(p -> assertThat(p).startsWith("events.E.writes[0].columns:")));
    }

    private static final String PLAN = """
            version: 1
            entities:
              endorsement:
                fields: [productLine, country]
            scopes:
              - name: endorsements
                entity: endorsement
                effective:
                  - from: 2026-01-01T00:00:00Z
                    phase: 1
                    system-of-record: legacy
                    write-authority: legacy
                    publisher: legacy
                    conflict: legacy-wins
            """;

    @Test
    void withAPlanEveryEventNamesAnEntityAndFieldsOfThePlan() {
        MigrationPlan plan = MigrationPlan.parse(PLAN);
        String noScope = write("\"table\": \"t\", \"mode\": \"upsert\", \"key\": [\"id\"], \"columns\": {\"id\": {\"field\": \"id\"}}");
        assertThatThrownBy(() -> MappingParser.parse(noScope, MappingFixtures.MARKER, Optional.of(plan)))
                .hasMessageContaining("events.E.scope: a migration plan governs this sink");

        String wrongEntity = "{\"events\": {\"E\": {\"scope\": {\"entity\": \"claim\", \"fields\": {\"region\": \"r\"}}, \"writes\": [{"
                + "\"table\": \"t\", \"mode\": \"upsert\", \"key\": [\"id\"], \"columns\": {\"id\": {\"field\": \"id\"}}}]}}}";
        assertThatThrownBy(() -> MappingParser.parse(wrongEntity, MappingFixtures.MARKER, Optional.of(plan)))
                .hasMessageContaining("events.E.scope.entity: 'claim' is not an entity of the migration plan");

        String wrongField = "{\"events\": {\"E\": {\"scope\": {\"entity\": \"endorsement\", \"fields\": {\"region\": \"r\"}}, \"writes\": [{"
                + "\"table\": \"t\", \"mode\": \"upsert\", \"key\": [\"id\"], \"columns\": {\"id\": {\"field\": \"id\"}}}]}}}";
        assertThatThrownBy(() -> MappingParser.parse(wrongField, MappingFixtures.MARKER, Optional.of(plan)))
                .hasMessageContaining("events.E.scope.fields.region: not a field of plan entity 'endorsement'");
    }
}
