package dev.strangler.connect.acl.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

import dev.strangler.connect.acl.testing.OracleEvents;
import dev.strangler.connect.acl.testing.PostgresEvents;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChangeEventTest {

    private static final Struct ROW = PostgresEvents.row("P-1       ", "A", "N123", "Y");

    @Test
    void readsPostgresCreate() {
        ChangeEvent event = ChangeEvent.from(PostgresEvents.create(ROW));

        assertThat(event.operation()).isEqualTo(Operation.CREATE);
        assertThat(event.after()).contains(ROW);
        assertThat(event.before()).isEmpty();
        assertThat(event.state()).contains(ROW);
        assertThat(event.rowSchema()).isEqualTo(PostgresEvents.ROW_SCHEMA);
        assertThat(event.isBackfill()).isFalse();
        assertThat(event.processedAt()).contains(PostgresEvents.PROCESSED_AT);
        assertThat(event.changedFields()).isEmpty();

        SourceMetadata source = event.source();
        assertThat(source.connector()).contains("postgresql");
        assertThat(source.name()).contains("legacy");
        assertThat(source.database()).contains("legacydb");
        assertThat(source.schema()).contains("public");
        assertThat(source.table()).contains("policy");
        assertThat(source.transactionId()).contains("771");
        assertThat(source.lsn()).isEqualTo(OptionalLong.of(PostgresEvents.LSN));
        assertThat(source.scn()).isEmpty();
        assertThat(source.commitScn()).isEmpty();
        assertThat(source.position()).contains(Long.toString(PostgresEvents.LSN));
        assertThat(source.timestamp()).contains(PostgresEvents.COMMIT_TIME);
        assertThat(source.isSnapshot()).isFalse();
    }

    @Test
    void snapshotReadIsBackfill() {
        ChangeEvent event = ChangeEvent.from(PostgresEvents.read(ROW));

        assertThat(event.operation()).isEqualTo(Operation.READ);
        assertThat(event.isBackfill()).isTrue();
        assertThat(event.source().snapshot()).contains("true");
        assertThat(event.source().isSnapshot()).isTrue();
    }

    @Test
    void updateListsChangedFieldsInSchemaOrder() {
        Struct after = PostgresEvents.row("P-1       ", "L", "S123", "Y");

        ChangeEvent event = ChangeEvent.from(PostgresEvents.update(ROW, after));

        assertThat(event.operation()).isEqualTo(Operation.UPDATE);
        assertThat(event.changedFields()).contains(List.of("status", "region_code"));
        assertThat(event.state()).contains(after);
    }

    @Test
    void bytesCompareByContentAndImagesOfDifferentSchemasByFieldName() {
        Schema bytesRow = SchemaBuilder.struct().optional().field("id", Schema.INT32_SCHEMA).field("photo", Schema.OPTIONAL_BYTES_SCHEMA)
                .field("note", Schema.OPTIONAL_STRING_SCHEMA).build();
        // the before image as an older schema version wrote it: another field order, and no photo yet
        Schema olderRow = SchemaBuilder.struct().optional().field("note", Schema.OPTIONAL_STRING_SCHEMA).field("id", Schema.INT32_SCHEMA).build();
        Schema envelopeSchema = SchemaBuilder.struct().field("op", Schema.STRING_SCHEMA).field("before", bytesRow)
                .field("after", bytesRow).field("source", PostgresEvents.SOURCE_SCHEMA).build();
        Schema mixedSchema = SchemaBuilder.struct().field("op", Schema.STRING_SCHEMA).field("before", olderRow)
                .field("after", bytesRow).field("source", PostgresEvents.SOURCE_SCHEMA).build();
        Struct source = PostgresEvents.create(ROW).getStruct("source");

        Struct sameBytes = new Struct(envelopeSchema).put("op", "u").put("source", source)
                .put("before", new Struct(bytesRow).put("id", 1).put("photo", new byte[] {1, 2}).put("note", "a"))
                .put("after", new Struct(bytesRow).put("id", 1).put("photo", new byte[] {1, 2}).put("note", "b"));
        Struct olderBefore = new Struct(mixedSchema).put("op", "u").put("source", source)
                .put("before", new Struct(olderRow).put("note", "b").put("id", 2))
                .put("after", new Struct(bytesRow).put("id", 1).put("photo", new byte[] {1, 2}).put("note", "b"));

        assertThat(ChangeEvent.from(sameBytes).changedFields()).contains(List.of("note"));
        assertThat(ChangeEvent.from(olderBefore).changedFields()).contains(List.of("id", "photo"));
    }

    @Test
    void interleavedPostgresAndOracleEventsEachReadTheirOwnSourceBlock() {
        for (int i = 0; i < 3; i++) {
            assertThat(ChangeEvent.from(PostgresEvents.create(ROW)).source().lsn()).isEqualTo(OptionalLong.of(PostgresEvents.LSN));
            ChangeEvent oracle = ChangeEvent.from(OracleEvents.create(OracleEvents.row("C-1", "OP", "Y")));
            assertThat(oracle.source().lsn()).isEmpty();
            assertThat(oracle.source().scn()).contains(OracleEvents.SCN);
            assertThat(oracle.rowSchema()).isEqualTo(OracleEvents.ROW_SCHEMA);
        }
    }

    @Test
    void updateWithoutBeforeImageHasUnknownChangedFields() {
        ChangeEvent event = ChangeEvent.from(PostgresEvents.update(null, ROW));

        assertThat(event.changedFields()).isEmpty();
    }

    @Test
    void deleteStateIsTheBeforeImage() {
        ChangeEvent event = ChangeEvent.from(PostgresEvents.delete(ROW));

        assertThat(event.operation()).isEqualTo(Operation.DELETE);
        assertThat(event.state()).contains(ROW);
        assertThat(event.after()).isEmpty();
    }

    @Test
    void truncateHasNoRow() {
        ChangeEvent event = ChangeEvent.from(PostgresEvents.truncate());

        assertThat(event.operation()).isEqualTo(Operation.TRUNCATE);
        assertThat(event.state()).isEmpty();
        assertThat(event.source().table()).contains("policy");
    }

    @Test
    void readsOracleSourceBlockBuiltByDebezium() {
        Struct row = OracleEvents.row("C-9", "OPN", "Y");

        ChangeEvent event = ChangeEvent.from(OracleEvents.create(row));

        SourceMetadata source = event.source();
        assertThat(event.operation()).isEqualTo(Operation.CREATE);
        assertThat(source.connector()).contains("oracle");
        assertThat(source.schema()).contains("LEGACY");
        assertThat(source.table()).contains("CLAIM");
        assertThat(source.transactionId()).contains(OracleEvents.TX_ID);
        assertThat(source.scn()).contains(OracleEvents.SCN);
        assertThat(source.commitScn()).contains(OracleEvents.COMMIT_SCN);
        assertThat(source.lsn()).isEmpty();
        assertThat(source.position()).contains(OracleEvents.SCN);
        assertThat(source.timestamp()).contains(OracleEvents.COMMIT_TIME);
    }

    @Test
    void oracleSnapshotReadIsBackfill() {
        ChangeEvent event = ChangeEvent.from(OracleEvents.read(OracleEvents.row("C-9", "OPN", "Y")));

        assertThat(event.isBackfill()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"c, CREATE", "u, UPDATE", "d, DELETE", "r, READ", "t, TRUNCATE"})
    void operationCodes(String code, Operation operation) {
        assertThat(Operation.fromCode(code)).contains(operation);
        assertThat(operation.code()).isEqualTo(code);
    }

    @Test
    void unsupportedOperationCodeIsNamed() {
        Struct envelope = PostgresEvents.create(ROW).put("op", "m");

        assertThatThrownBy(() -> ChangeEvent.from(envelope))
                .isInstanceOf(MalformedChangeEventException.class)
                .hasMessageContaining("op").hasMessageContaining("'m'");
    }

    @Test
    void createWithoutAfterIsMalformed() {
        Struct envelope = PostgresEvents.create(ROW).put("after", null);

        assertThatThrownBy(() -> ChangeEvent.from(envelope))
                .isInstanceOf(MalformedChangeEventException.class)
                .hasMessage("Change event with op 'c' has no after image");
    }

    @Test
    void recognisesEnvelopesByShapeNotName() {
        Schema notAnEnvelope = SchemaBuilder.struct().field("op", Schema.STRING_SCHEMA).build();

        assertThat(ChangeEvent.isChangeEvent(PostgresEvents.ENVELOPE.schema())).isTrue();
        assertThat(ChangeEvent.isChangeEvent(OracleEvents.ENVELOPE.schema())).isTrue();
        assertThat(ChangeEvent.isChangeEvent(notAnEnvelope)).isFalse();
        assertThat(ChangeEvent.isChangeEvent(null)).isFalse();
        assertThatThrownBy(() -> ChangeEvent.from(new Struct(notAnEnvelope).put("op", "c")))
                .isInstanceOf(MalformedChangeEventException.class);
    }

    @Test
    void toStringNeverContainsRowValues() {
        ChangeEvent event = ChangeEvent.from(PostgresEvents.create(ROW));

        assertThat(event.toString()).doesNotContain("P-1").contains("op=c");
        assertThat(event.source().timestamp()).contains(Instant.parse("2026-11-25T10:15:30Z"));
    }
}
