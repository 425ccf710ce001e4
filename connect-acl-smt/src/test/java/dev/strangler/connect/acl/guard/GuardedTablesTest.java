package dev.strangler.connect.acl.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import dev.strangler.connect.acl.envelope.ChangeEvent;
import dev.strangler.connect.core.plan.MigrationPlan;

class GuardedTablesTest {

    private static final MigrationPlan PLAN = MigrationPlan.parse("""
            version: 1
            entities:
              endorsement: {fields: [product_line, country]}
              note: {fields: []}
            scopes:
              - {name: endorsements, entity: endorsement, effective: [{from: "2026-01-01T00:00:00Z", phase: 1,
                 system-of-record: legacy, write-authority: legacy, publisher: legacy, conflict: legacy-wins}]}
              - {name: notes, entity: note, effective: [{from: "2026-01-01T00:00:00Z", phase: 1,
                 system-of-record: legacy, write-authority: legacy, publisher: legacy, conflict: legacy-wins}]}
            """);

    private static GuardedTables tables(String... entries) {
        return GuardedTables.parse(List.of(entries), GuardedTables.parseColumns(List.of("endorsement.product_line=prod_line_cd"), PLAN), PLAN);
    }

    private static ChangeEvent eventFrom(String table) {
        Struct row = EndorsementEvents.row("AUTO", "DE", "ADDR", null);
        return ChangeEvent.from(EndorsementEvents.envelope("c", null, row, table, Instant.parse("2026-02-01T00:00:00Z")));
    }

    @ParameterizedTest(name = "[{index}] {0} with source table public.{1} -> {2}")
    @CsvSource(nullValues = "-", textBlock = """
            public.endorsement,                     endorsement,      endorsement
            PUBLIC.ENDORSEMENT,                     endorsement,      endorsement
            endorsement,                            endorsement,      endorsement
            other.endorsement,                      endorsement,      -
            public.endorsement,                     endorsement_note, -
            """)
    void tablesMatchBySchemaAndNameIgnoringCase(String entry, String sourceTable, String entity) {
        GuardedTables tables = tables(entry + "=endorsement");

        assertThat(tables.find(eventFrom(sourceTable).source()).map(GuardedTable::entity).orElse(null)).isEqualTo(entity);
    }

    @Test
    void qualifiedEntryWinsOverUnqualified() {
        GuardedTables tables = tables("endorsement=note", "public.endorsement=endorsement");
        assertThat(tables.find(eventFrom("endorsement").source()).orElseThrow().entity()).isEqualTo("endorsement");
    }

    @Test
    void fieldsAreReadFromTheirConfiguredColumnOrTheColumnOfTheSameName() {
        GuardedTable table = tables("public.endorsement=endorsement").find(eventFrom("endorsement").source()).orElseThrow();
        var fields = table.fields(EndorsementEvents.row("AUTO  ", "DE", "ADDR", null));

        assertThat(fields.get("product_line")).isEqualTo("AUTO");
        assertThat(fields.get("country")).isEqualTo("DE");
        assertThat(fields.get("no_such_column")).isNull();
        assertThat(table.entity()).isEqualTo("endorsement");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ';', textBlock = """
            public.endorsement;                      is not [schema.]table=entity
            public.endorsement=policy;               the plan has no entity 'policy'
            a.b.c=endorsement;                       is not a table name
            public.endorsement=endorsement,public.endorsement=note; is listed twice
            """)
    void badTableEntriesAreRejectedNamingTheEntry(String entries, String message) {
        assertThatThrownBy(() -> tables(entries.split(","))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ';', textBlock = """
            endorsement.product_line;                is not entity.field=column
            product_line=prod;                       is not entity.field=column
            policy.product_line=prod;                the plan has no entity 'policy'
            endorsement.line=prod;                   entity 'endorsement' has no field 'line'
            endorsement.product_line=prod line;      is not a valid SQL identifier
            """)
    void badColumnEntriesAreRejectedNamingTheEntry(String entry, String message) {
        assertThatThrownBy(() -> GuardedTables.parseColumns(List.of(entry), PLAN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void columnsOfOneEntityDoNotLeakIntoAnother() {
        Map<String, Map<String, String>> columns = GuardedTables.parseColumns(List.of("endorsement.country=land"), PLAN);
        assertThat(columns).containsOnlyKeys("endorsement");
        assertThat(columns.get("endorsement")).containsExactly(Map.entry("country", "land"));
    }
}
