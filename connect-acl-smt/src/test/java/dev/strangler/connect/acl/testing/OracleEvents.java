package dev.strangler.connect.acl.testing;

import java.math.BigDecimal;
import java.time.Instant;

import io.debezium.config.Configuration;
import io.debezium.connector.SnapshotRecord;
import io.debezium.connector.oracle.CommitScn;
import io.debezium.connector.oracle.OracleConnectorConfig;
import io.debezium.connector.oracle.OracleSourceInfoStructMaker;
import io.debezium.connector.oracle.Scn;
import io.debezium.connector.oracle.SourceInfo;
import io.debezium.data.Envelope;
import io.debezium.data.VariableScaleDecimal;
import io.debezium.relational.TableId;
import io.debezium.time.MicroTimestamp;
import io.debezium.time.Timestamp;
import io.debezium.time.ZonedTimestamp;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Change events as Debezium's Oracle connector (LogMiner, {@code decimal.handling.mode=precise},
 * {@code time.precision.mode=adaptive}) writes them for a legacy table
 * <pre>
 * LEGACY.CLAIM(CLAIM_NO CHAR(12), STATUS VARCHAR2(3), APPROVED CHAR(1), AMOUNT NUMBER(12,2), COUNTER NUMBER(9),
 *              RATIO NUMBER, OPENED DATE, LAST_TOUCHED TIMESTAMP(6), DECIDED_AT TIMESTAMP WITH TIME ZONE)
 * </pre>
 * The {@code source} block comes from Debezium's own {@link OracleSourceInfoStructMaker}.
 */
public final class OracleEvents {

    public static final String TOPIC = "legacy.LEGACY.CLAIM";
    public static final String TX_ID = "0a001b00c3040000";
    public static final String SCN = "289765120";
    public static final String COMMIT_SCN = "289765133";
    public static final Instant COMMIT_TIME = Instant.parse("2026-11-25T09:00:00Z");
    public static final Instant PROCESSED_AT = Instant.parse("2026-11-25T09:00:02Z");

    private static final OracleConnectorConfig CONFIG = new OracleConnectorConfig(Configuration.create()
            .with("topic.prefix", "legacy")
            .with("database.hostname", "localhost")
            .with("database.user", "debezium")
            .with("database.dbname", "ORCLPDB1")
            .build());
    private static final OracleSourceInfoStructMaker STRUCT_MAKER = structMaker();

    public static final Schema ROW_SCHEMA = SchemaBuilder.struct().name("legacy.LEGACY.CLAIM.Value").optional()
            .field("CLAIM_NO", Schema.STRING_SCHEMA)                                    // CHAR(12)
            .field("STATUS", Schema.OPTIONAL_STRING_SCHEMA)                             // VARCHAR2(3)
            .field("APPROVED", Schema.OPTIONAL_STRING_SCHEMA)                           // CHAR(1)
            .field("AMOUNT", Decimal.builder(2).optional()
                    .parameter("connect.decimal.precision", "12").build())             // NUMBER(12,2)
            .field("COUNTER", Schema.OPTIONAL_INT32_SCHEMA)                             // NUMBER(9)
            .field("RATIO", VariableScaleDecimal.builder().optional().build())          // NUMBER
            .field("OPENED", Timestamp.builder().optional().build())                    // DATE
            .field("LAST_TOUCHED", MicroTimestamp.builder().optional().build())         // TIMESTAMP(6)
            .field("DECIDED_AT", ZonedTimestamp.builder().optional().build())           // TIMESTAMP WITH TIME ZONE
            .build();

    public static final Schema KEY_SCHEMA = SchemaBuilder.struct().name("legacy.LEGACY.CLAIM.Key")
            .field("CLAIM_NO", Schema.STRING_SCHEMA)
            .build();

    public static final Envelope ENVELOPE = Envelope.defineSchema()
            .withName("legacy.LEGACY.CLAIM.Envelope")
            .withRecord(ROW_SCHEMA)
            .withSource(STRUCT_MAKER.schema())
            .build();

    private OracleEvents() {
    }

    private static OracleSourceInfoStructMaker structMaker() {
        OracleSourceInfoStructMaker maker = new OracleSourceInfoStructMaker();
        maker.init("oracle", "3.6.1.Final", CONFIG);
        return maker;
    }

    public static Struct source(SnapshotRecord snapshot) {
        SourceInfo info = new SourceInfo(CONFIG) {
        };
        info.tableEvent(new TableId("ORCLPDB1", "LEGACY", "CLAIM"));
        info.setSourceTime(COMMIT_TIME);
        info.setCommitTime(COMMIT_TIME);
        info.setTransactionId(TX_ID);
        info.setScn(Scn.valueOf(SCN));
        info.setEventScn(Scn.valueOf(SCN));
        info.setCommitScn(CommitScn.valueOf(COMMIT_SCN));
        info.setEventCommitScn(Scn.valueOf(COMMIT_SCN));
        info.setUserName("LEGACY_APP");
        info.setRowId("AAAR3sAAEAAAACXAAA");
        info.setSnapshot(snapshot);
        return STRUCT_MAKER.struct(info);
    }

    /**
     * A row with CHAR padding as Oracle returns it: {@code claimNo} padded to 12, {@code approved} one character.
     */
    public static Struct row(String claimNo, String status, String approved) {
        return new Struct(ROW_SCHEMA)
                .put("CLAIM_NO", String.format("%-12s", claimNo))
                .put("STATUS", status)
                .put("APPROVED", approved)
                .put("AMOUNT", new BigDecimal("1999.95"))
                .put("COUNTER", 42)
                .put("RATIO", VariableScaleDecimal.fromLogical(VariableScaleDecimal.optionalSchema(), new BigDecimal("0.125")))
                .put("OPENED", 1_732_492_800_000L)                     // DATE 2024-11-25 00:00:00 as epoch millis
                .put("LAST_TOUCHED", 1_732_530_930_123_456L)           // TIMESTAMP(6) as epoch micros
                .put("DECIDED_AT", "2024-11-25T10:35:30.123456+01:00");
    }

    public static Struct key(String claimNo) {
        return new Struct(KEY_SCHEMA).put("CLAIM_NO", String.format("%-12s", claimNo));
    }

    public static Struct create(Struct after) {
        return ENVELOPE.create(after, source(SnapshotRecord.FALSE), PROCESSED_AT);
    }

    public static Struct read(Struct after) {
        return ENVELOPE.read(after, source(SnapshotRecord.TRUE), PROCESSED_AT);
    }

    public static Struct update(Struct before, Struct after) {
        return ENVELOPE.update(before, after, source(SnapshotRecord.FALSE), PROCESSED_AT);
    }

    public static Struct delete(Struct before) {
        return ENVELOPE.delete(before, source(SnapshotRecord.FALSE), PROCESSED_AT);
    }

    public static SourceRecord record(Struct key, Struct value) {
        return new SourceRecord(null, null, TOPIC, 0, KEY_SCHEMA, key, value == null ? null : ENVELOPE.schema(), value);
    }
}
