package dev.strangler.connect.legacy.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.strangler.connect.core.plan.MigrationPlan;
import dev.strangler.connect.core.sql.SqlIdentifier;
import dev.strangler.connect.legacy.event.ProjectionEvent;
import dev.strangler.connect.legacy.mapping.EventProjector.Rows;
import dev.strangler.connect.legacy.mapping.EventProjector.SkipReason;
import dev.strangler.connect.legacy.mapping.EventProjector.Skipped;
import dev.strangler.connect.legacy.write.RowWrite;
import dev.strangler.connect.legacy.write.WriteMode;

class EventProjectorTest {

    private final EventProjector projector = new EventProjector(MappingFixtures.endorsementMapping(), ProjectionAuthority.everything());

    private static Map<String, Object> approved(String kind, List<Map<String, Object>> lines) {
        return Map.of("policy", Map.of("number", "P-100"), "sequence", 3, "kind", kind, "version", 7L, "lines", lines);
    }

    private static Object column(RowWrite row, String column) {
        return row.value(SqlIdentifier.of(column));
    }

    @Test
    void projectsOneEventIntoAHeaderRowAndOneRowPerDetailElement() throws Exception {
        ProjectionEvent event = MappingFixtures.event("EndorsementApproved", "P-100",
                approved("ADDRESS_CHANGE", List.of(Map.of("kind", "PREMIUM", "amount", new BigDecimal("12.50")),
                        Map.of("kind", "TAX", "amount", new BigDecimal("1.10")))));

        Rows rows = (Rows) projector.project(event);

        assertThat(rows.rows()).hasSize(4);
        List<RowWrite> written = new java.util.ArrayList<>(rows.rows());
        RowWrite clearing = written.remove(1);
        assertThat(clearing.mode()).isEqualTo(WriteMode.CLEAR_OLDER_ROWS);
        assertThat(clearing.shape().table().toString()).isEqualTo("legacy.policy_version_line");
        assertThat(clearing.shape().keyColumns()).extracting(SqlIdentifier::name).containsExactly("policy_no", "version_seq");
        assertThat(clearing.key()).containsExactly("P-100", 3);
        assertThat(clearing.version()).map(Object::toString).contains("7");
        assertThat(written.subList(1, 3)).allSatisfy(line -> assertThat(line.rowSetColumns())
                .extracting(SqlIdentifier::name).containsExactly("policy_no", "version_seq"));
        RowWrite header = written.get(0);
        assertThat(header.shape().table().toString()).isEqualTo("legacy.policy_version");
        assertThat(header.mode()).isEqualTo(WriteMode.UPSERT);
        assertThat(column(header, "policy_no")).isEqualTo("P-100");
        assertThat(column(header, "version_seq")).isEqualTo(3);
        assertThat(column(header, "txn_code")).isEqualTo("ADR");
        assertThat(column(header, "legacy_ref")).isEqualTo("P-100/3");
        assertThat(column(header, "source_system")).isEqualTo("NEWSVC");
        assertThat(column(header, "approved_at")).isEqualTo(OffsetDateTime.of(2026, 11, 25, 10, 0, 0, 0, ZoneOffset.UTC));
        assertThat(column(header, "event_version")).isEqualTo(7L);
        assertThat(column(header, "strangler_origin")).isEqualTo("strangler-connect");
        assertThat(header.version()).map(Object::toString).contains("7");

        assertThat(written.subList(1, 3)).allSatisfy(line -> {
            assertThat(line.shape().table().toString()).isEqualTo("legacy.policy_version_line");
            assertThat(column(line, "policy_no")).isEqualTo("P-100");
            assertThat(column(line, "strangler_origin")).isEqualTo("strangler-connect");
        });
        assertThat(written.subList(1, 3)).extracting(line -> column(line, "line_no")).containsExactly(1, 2);
        assertThat(written.subList(1, 3)).extracting(line -> column(line, "line_kind")).containsExactly("P", "T");
        assertThat(written.subList(1, 3)).extracting(line -> column(line, "amount"))
                .containsExactly(new BigDecimal("12.50"), new BigDecimal("1.10"));
    }

    @Test
    void aMissingArrayWritesNoDetailRowsButClearsTheOlderOnes() throws Exception {
        Map<String, Object> value = Map.of("policy", Map.of("number", "P-1"), "sequence", 1, "kind", "ADDRESS_CHANGE", "version", 1L);
        Rows rows = (Rows) projector.project(MappingFixtures.event("EndorsementApproved", "P-1", value));
        assertThat(rows.rows()).extracting(r -> r.shape().table() + " " + r.mode())
                .containsExactly("legacy.policy_version UPSERT", "legacy.policy_version_line CLEAR_OLDER_ROWS");
    }

    @Test
    void aDomainValueWithoutLegacyCodeIsRejectedForTheDeadLetterQueue() {
        ProjectionEvent event = MappingFixtures.event("EndorsementApproved", "P-100", approved("NAME_CHANGE", List.of()));
        assertThatThrownBy(() -> projector.project(event))
                .isInstanceOfSatisfying(ProjectionException.class, e -> {
                    assertThat(e.failsTask()).isFalse();
                    assertThat(e.getMessage()).isEqualTo("value mapping 'endorsement-kind' has no legacy code for the value of field 'kind'")
                            .doesNotContain("NAME_CHANGE");
                });
    }

    @Test
    void anUnknownCodeInAFailPolicyMappingStopsTheTask() {
        ProjectionEvent event = MappingFixtures.event("EndorsementApproved", "P-100",
                approved("ADDRESS_CHANGE", List.of(Map.of("kind", "DISCOUNT", "amount", BigDecimal.ONE))));
        assertThatThrownBy(() -> projector.project(event))
                .isInstanceOfSatisfying(ProjectionException.class, e -> assertThat(e.failsTask()).isTrue());
    }

    @Test
    void aMissingKeyFieldOrVersionIsTheRecordsFault() {
        Map<String, Object> noPolicy = Map.of("sequence", 1, "kind", "ADDRESS_CHANGE", "version", 1L);
        assertThatThrownBy(() -> projector.project(MappingFixtures.event("EndorsementApproved", null, noPolicy)))
                .hasMessage("legacy.policy_version: key column policy_no has no value");

        Map<String, Object> noVersion = Map.of("policy", Map.of("number", "P-1"), "sequence", 1, "kind", "ADDRESS_CHANGE");
        assertThatThrownBy(() -> projector.project(MappingFixtures.event("EndorsementApproved", null, noVersion)))
                .hasMessage("legacy.policy_version: guard column event_version: the version is null");

        Map<String, Object> objectAsKey = Map.of("policy", Map.of("number", Map.of("a", 1)), "sequence", 1, "kind", "ADDRESS_CHANGE", "version", 1L);
        assertThatThrownBy(() -> projector.project(MappingFixtures.event("EndorsementApproved", null, objectAsKey)))
                .hasMessage("field 'policy.number' is an object, not a value a column can hold");

        Map<String, Object> linesNotArray = Map.of("policy", Map.of("number", "P-1"), "sequence", 1, "kind", "ADDRESS_CHANGE",
                "version", 1L, "lines", "none");
        assertThatThrownBy(() -> projector.project(MappingFixtures.event("EndorsementApproved", null, linesNotArray)))
                .hasMessage("legacy.policy_version_line: the rows field 'lines' is not an array");
    }

    @Test
    void softDeleteSetsTheStatusColumnUnderTheGuard() throws Exception {
        Map<String, Object> value = Map.of("policy", Map.of("number", "P-1"), "sequence", 2, "version", 9L);
        Rows rows = (Rows) projector.project(MappingFixtures.event("EndorsementCancelled", "P-1", value));
        RowWrite row = rows.rows().get(0);
        assertThat(row.mode()).isEqualTo(WriteMode.SOFT_DELETE);
        assertThat(column(row, "status_cd")).isEqualTo("X");
        assertThat(column(row, "event_version")).isEqualTo(9L);
    }

    @Test
    void aTombstoneDeletesThroughItsKey() throws Exception {
        ProjectionEvent tombstone = MappingFixtures.event(null, Map.of("policyNumber", "P-1", "sequence", 2), null);
        Rows rows = (Rows) projector.project(tombstone);
        RowWrite row = rows.rows().get(0);
        assertThat(rows.eventType()).isEqualTo("EndorsementWithdrawn");
        assertThat(row.mode()).isEqualTo(WriteMode.DELETE);
        assertThat(row.key()).containsExactly("P-1", 2);
    }

    @Test
    void skipsWhatTheMappingDoesNotCover() throws Exception {
        assertThat(projector.project(MappingFixtures.event("PolicyRenamed", null, Map.of())))
                .isEqualTo(new Skipped(SkipReason.UNMAPPED_TYPE, Optional.of("PolicyRenamed")));
        assertThat(projector.project(MappingFixtures.event(null, null, Map.of())))
                .isEqualTo(new Skipped(SkipReason.NO_EVENT_TYPE, Optional.empty()));
        EventProjector noTombstones = new EventProjector(MappingParser.parse(
                "{\"events\": {\"E\": {\"writes\": [{\"table\": \"t\", \"mode\": \"delete\", \"key\": [\"id\"], \"columns\": {\"id\": {\"key\": \"\"}}}]}}}",
                MappingFixtures.MARKER, Optional.empty()), ProjectionAuthority.everything());
        assertThat(noTombstones.project(MappingFixtures.event(null, "k", null)))
                .isEqualTo(new Skipped(SkipReason.TOMBSTONE, Optional.empty()));
    }

    private static final String PLAN = """
            version: 1
            entities:
              endorsement:
                fields: [productLine]
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
              - name: auto-endorsements
                entity: endorsement
                where:
                  productLine: {equals: AUTO}
                effective:
                  - from: 2026-01-01T00:00:00Z
                    phase: 1
                    system-of-record: legacy
                    write-authority: legacy
                    publisher: legacy
                    conflict: legacy-wins
                  - from: 2026-06-01T00:00:00Z
                    phase: 3
                    system-of-record: service
                    write-authority: service
                    publisher: service
                    conflict: service-wins
            """;

    @Test
    void withAPlanProjectsOnlyScopesTheServiceOwnsAtTheEventTime() throws Exception {
        MigrationPlan plan = MigrationPlan.parse(PLAN);
        String mapping = """
                events:
                  AddressChanged:
                    scope: {entity: endorsement, fields: {productLine: policy.productLine}}
                    eventTime: occurredAt
                    writes:
                      - table: policy_address
                        mode: upsert
                        key: [policy_no]
                        columns: {policy_no: {field: policy.number}}
                """;
        EventProjector governed = new EventProjector(MappingParser.parse(mapping, MappingFixtures.MARKER, Optional.of(plan)),
                ProjectionAuthority.of(plan));

        assertThat(governed.project(addressChanged("AUTO", "2026-07-01T00:00:00Z"))).isInstanceOf(Rows.class);
        assertThat(governed.project(addressChanged("AUTO", "2026-05-31T23:59:59Z")))
                .isEqualTo(new Skipped(SkipReason.NOT_OWNED_BY_SERVICE, Optional.of("AddressChanged")));
        assertThat(governed.project(addressChanged("HOME", "2026-07-01T00:00:00Z")))
                .isEqualTo(new Skipped(SkipReason.NOT_OWNED_BY_SERVICE, Optional.of("AddressChanged")));
    }

    private static ProjectionEvent addressChanged(String productLine, String occurredAt) {
        return new ProjectionEvent(new ProjectionEvent.RecordPosition("t", 0, 1), Optional.of("AddressChanged"), null,
                Map.of("policy", Map.of("number", "P-1", "productLine", productLine), "occurredAt", occurredAt),
                Instant.parse("2030-01-01T00:00:00Z"));
    }
}
