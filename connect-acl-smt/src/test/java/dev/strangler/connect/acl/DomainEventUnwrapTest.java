package dev.strangler.connect.acl;

import static dev.strangler.connect.acl.testing.RecordAssertions.headers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.HashMap;
import java.util.Map;

import dev.strangler.connect.acl.testing.OracleEvents;
import dev.strangler.connect.acl.testing.PostgresEvents;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DomainEventUnwrapTest {

    private static final Struct KEY = PostgresEvents.key("P-1       ");
    private static final Struct ROW = PostgresEvents.row("P-1       ", "A", "N123", "Y");

    private final DomainEventUnwrap<SourceRecord> unwrap = new DomainEventUnwrap<>();

    @AfterEach
    void close() {
        unwrap.close();
    }

    private SourceRecord apply(Map<String, String> config, SourceRecord record) {
        unwrap.configure(config);
        return unwrap.apply(record);
    }

    @Test
    void createBecomesCreatedEventWithSourceHeaders() {
        SourceRecord out = apply(Map.of(), PostgresEvents.record(KEY, PostgresEvents.create(ROW)));

        assertThat(out.topic()).isEqualTo(PostgresEvents.TOPIC);
        assertThat(out.keySchema()).isEqualTo(PostgresEvents.KEY_SCHEMA);
        assertThat(out.key()).isEqualTo(KEY);
        assertThat(out.valueSchema()).isEqualTo(PostgresEvents.ROW_SCHEMA);
        assertThat(out.value()).isEqualTo(ROW);
        assertThat(headers(out)).containsExactly(
                entry("acl.event.type", "Created"),
                entry("acl.operation", "c"),
                entry("acl.backfill", false),
                entry("acl.source.connector", "postgresql"),
                entry("acl.source.db", "legacydb"),
                entry("acl.source.schema", "public"),
                entry("acl.source.table", "policy"),
                entry("acl.source.txid", "771"),
                entry("acl.source.lsn", PostgresEvents.LSN),
                entry("acl.source.ts.ms", PostgresEvents.COMMIT_TIME.toEpochMilli()));
        assertThat(unwrap.metrics().recorder().counter("records-out", "").count()).isEqualTo(1);
    }

    @Test
    void updateListsChangedFields() {
        Struct after = PostgresEvents.row("P-1       ", "L", "N123", "N");

        SourceRecord out = apply(Map.of("source.headers", "false"), PostgresEvents.record(KEY, PostgresEvents.update(ROW, after)));

        assertThat(out.value()).isEqualTo(after);
        assertThat(headers(out)).containsExactly(
                entry("acl.event.type", "Changed"),
                entry("acl.operation", "u"),
                entry("acl.backfill", false),
                entry("acl.changed.fields", "status,active_flag"));
    }

    @Test
    void snapshotReadIsTaggedAsBackfill() {
        SourceRecord out = apply(Map.of("source.headers", "false"), PostgresEvents.record(KEY, PostgresEvents.read(ROW)));

        assertThat(headers(out)).containsExactly(
                entry("acl.event.type", "SnapshotRead"), entry("acl.operation", "r"), entry("acl.backfill", true));
    }

    @Test
    void deleteCarriesTheLastStateByDefault() {
        SourceRecord out = apply(Map.of("source.headers", "false"), PostgresEvents.record(KEY, PostgresEvents.delete(ROW)));

        assertThat(out.value()).isEqualTo(ROW);
        assertThat(out.valueSchema()).isEqualTo(PostgresEvents.ROW_SCHEMA);
        assertThat(headers(out)).containsExactly(
                entry("acl.event.type", "Deleted"), entry("acl.operation", "d"), entry("acl.backfill", false));
    }

    @Test
    void deleteCanBecomeATombstone() {
        SourceRecord out = apply(Map.of("delete.handling", "tombstone", "source.headers", "false"),
                PostgresEvents.record(KEY, PostgresEvents.delete(ROW)));

        assertThat(out.key()).isEqualTo(KEY);
        assertThat(out.value()).isNull();
        assertThat(out.valueSchema()).isNull();
        assertThat(headers(out)).containsEntry("acl.event.type", "Deleted");
    }

    @Test
    void debeziumTombstonePassesWithItsTypeOrIsDroppedAndCounted() {
        SourceRecord passed = apply(Map.of(), PostgresEvents.tombstone(KEY));

        assertThat(passed.key()).isEqualTo(KEY);
        assertThat(passed.value()).isNull();
        assertThat(headers(passed)).containsExactly(entry("acl.event.type", "Tombstone"));

        SourceRecord dropped = apply(Map.of("tombstone.handling", "drop"), PostgresEvents.tombstone(KEY));

        assertThat(dropped).isNull();
        assertThat(unwrap.metrics().recorder().counter("records-dropped", "").count()).isEqualTo(1);
    }

    @Test
    void beforeImageCanBeKeptForLaterSteps() {
        Struct after = PostgresEvents.row("P-1       ", "L", "N123", "Y");

        SourceRecord out = apply(Map.of("before.field", "previous"), PostgresEvents.record(KEY, PostgresEvents.update(ROW, after)));

        Struct value = (Struct) out.value();
        assertThat(out.valueSchema().fields()).extracting(f -> f.name()).containsExactly(
                "policy_no", "status", "region_code", "active_flag", "premium", "start_date", "updated_at", "previous");
        assertThat(value.get("status")).isEqualTo("L");
        assertThat(value.getStruct("previous")).isEqualTo(ROW);

        SourceRecord created = unwrap.apply(PostgresEvents.record(KEY, PostgresEvents.create(after)));
        assertThat(((Struct) created.value()).get("previous")).isNull();
    }

    @Test
    void oracleEventCarriesScnHeaders() {
        Struct row = OracleEvents.row("C-9", "OPN", "Y");

        SourceRecord out = apply(Map.of(), OracleEvents.record(OracleEvents.key("C-9"), OracleEvents.create(row)));

        assertThat(out.value()).isEqualTo(row);
        assertThat(out.valueSchema()).isEqualTo(OracleEvents.ROW_SCHEMA);
        assertThat(headers(out)).containsExactly(
                entry("acl.event.type", "Created"),
                entry("acl.operation", "c"),
                entry("acl.backfill", false),
                entry("acl.source.connector", "oracle"),
                entry("acl.source.db", "ORCLPDB1"),
                entry("acl.source.schema", "LEGACY"),
                entry("acl.source.table", "CLAIM"),
                entry("acl.source.txid", OracleEvents.TX_ID),
                entry("acl.source.scn", OracleEvents.SCN),
                entry("acl.source.commit.scn", OracleEvents.COMMIT_SCN),
                entry("acl.source.ts.ms", OracleEvents.COMMIT_TIME.toEpochMilli()));
    }

    @Test
    void truncateIsQuarantinedWithReason() {
        SourceRecord in = PostgresEvents.record(null, PostgresEvents.truncate());

        SourceRecord out = apply(Map.of(), in);

        assertThat(out.topic()).isEqualTo(PostgresEvents.TOPIC + ".quarantine");
        assertThat(out.value()).isSameAs(in.value());
        assertThat(out.valueSchema()).isSameAs(in.valueSchema());
        assertThat(headers(out)).containsExactly(
                entry("acl.quarantined", true),
                entry("acl.quarantine.transform", "DomainEventUnwrap"),
                entry("acl.quarantine.rule", "op"),
                entry("acl.quarantine.reason", "unsupported-operation"),
                entry("acl.quarantine.detail", "A truncate of policy has no row and becomes no domain event"),
                entry("acl.quarantine.original.topic", PostgresEvents.TOPIC));
    }

    @Test
    void malformedEnvelopeIsQuarantinedOrFailsByPolicy() {
        SourceRecord in = PostgresEvents.record(KEY, PostgresEvents.create(ROW).put("op", "x"));

        SourceRecord out = apply(Map.of("quarantine.topic", "acl-quarantine"), in);

        assertThat(out.topic()).isEqualTo("acl-quarantine");
        assertThat(headers(out)).containsEntry("acl.quarantine.reason", "malformed-event")
                .containsEntry("acl.quarantine.detail", "Change event field op has unsupported code 'x'");

        unwrap.configure(Map.of("quarantine.policy", "fail"));
        assertThatThrownBy(() -> unwrap.apply(in)).isInstanceOf(DataException.class)
                .hasMessageContaining("reason malformed-event");
    }

    @Test
    void recordsThatAreNotChangeEventsPassThroughUnchanged() {
        SourceRecord heartbeat = new SourceRecord(null, null, "__debezium-heartbeat.legacy", 0, Schema.STRING_SCHEMA, "hb",
                Schema.STRING_SCHEMA, "beat");

        assertThat(apply(Map.of(), heartbeat)).isSameAs(heartbeat);
    }

    @Test
    void quarantinedRecordsPassThroughUntouched() {
        SourceRecord quarantined = apply(Map.of(), PostgresEvents.record(null, PostgresEvents.truncate()));

        assertThat(unwrap.apply(quarantined)).isSameAs(quarantined);
    }

    @Test
    void invalidConfigNamesTheKey() {
        Map<String, String> config = new HashMap<>();
        config.put("delete.handling", "vanish");
        assertThatThrownBy(() -> unwrap.configure(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("delete.handling").hasMessageContaining("[event, tombstone]");
        assertThat(DomainEventUnwrap.CONFIG_DEF.validate(Map.of("before.field", "a.b")).stream()
                .filter(v -> v.name().equals("before.field")).findFirst().orElseThrow().errorMessages())
                .containsExactly("Invalid value a.b for configuration before.field: Must be a field name of letters, digits and '_' (no dots)");
        assertThat(DomainEventUnwrap.CONFIG_DEF.validate(Map.of("quarantine.topic", "bad topic!")).stream()
                .filter(v -> v.name().equals("quarantine.topic")).findFirst().orElseThrow().errorMessages())
                .singleElement().asString().contains("quarantine.topic");
    }
}
