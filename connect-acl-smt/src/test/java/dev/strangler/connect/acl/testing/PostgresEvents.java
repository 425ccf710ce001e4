package dev.strangler.connect.acl.testing;

import java.math.BigDecimal;
import java.time.Instant;

import io.debezium.data.Envelope;
import io.debezium.time.Date;
import io.debezium.time.MicroTimestamp;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Change events as Debezium's Postgres connector writes them for a legacy table
 * {@code public.policy(policy_no CHAR(10), status CHAR(1), region_code VARCHAR, active_flag CHAR(1),
 * premium NUMERIC(10,2), start_date DATE, updated_at TIMESTAMP(6))}, built with Debezium's own {@link Envelope}.
 * The {@code source} schema mirrors {@code io.debezium.connector.postgresql.PostgresSourceInfoStructMaker}; it and
 * {@link #envelope(String, Schema)} also serve fixtures of other legacy tables (the guard's {@code endorsement}
 * events, the ACL benchmark's wider {@code policy} rows), which is why this class is published in the test-jar.
 */
public final class PostgresEvents {

    public static final String TOPIC = "legacy.public.policy";

    public static final Schema SOURCE_SCHEMA = SchemaBuilder.struct().name("io.debezium.connector.postgresql.Source")
            .field("version", Schema.STRING_SCHEMA)
            .field("connector", Schema.STRING_SCHEMA)
            .field("name", Schema.STRING_SCHEMA)
            .field("ts_ms", Schema.INT64_SCHEMA)
            .field("snapshot", SchemaBuilder.string().optional().name("io.debezium.data.Enum").version(1)
                    .parameter("allowed", "true,first,first_in_data_collection,last_in_data_collection,last,false,incremental")
                    .defaultValue("false").build())
            .field("db", Schema.STRING_SCHEMA)
            .field("sequence", Schema.OPTIONAL_STRING_SCHEMA)
            .field("ts_us", Schema.OPTIONAL_INT64_SCHEMA)
            .field("ts_ns", Schema.OPTIONAL_INT64_SCHEMA)
            .field("schema", Schema.STRING_SCHEMA)
            .field("table", Schema.STRING_SCHEMA)
            .field("txId", Schema.OPTIONAL_INT64_SCHEMA)
            .field("lsn", Schema.OPTIONAL_INT64_SCHEMA)
            .field("xmin", Schema.OPTIONAL_INT64_SCHEMA)
            .build();

    public static final Schema ROW_SCHEMA = SchemaBuilder.struct().name("legacy.public.policy.Value").optional()
            .field("policy_no", Schema.STRING_SCHEMA)
            .field("status", Schema.OPTIONAL_STRING_SCHEMA)
            .field("region_code", Schema.OPTIONAL_STRING_SCHEMA)
            .field("active_flag", Schema.OPTIONAL_STRING_SCHEMA)
            .field("premium", Decimal.builder(2).optional().parameter("connect.decimal.precision", "10").build())
            .field("start_date", Date.builder().optional().build())
            .field("updated_at", MicroTimestamp.builder().optional().build())
            .build();

    public static final Schema KEY_SCHEMA = SchemaBuilder.struct().name("legacy.public.policy.Key")
            .field("policy_no", Schema.STRING_SCHEMA)
            .build();

    public static final Envelope ENVELOPE = envelope("policy", ROW_SCHEMA);

    public static final Instant COMMIT_TIME = Instant.parse("2026-11-25T10:15:30Z");
    public static final Instant PROCESSED_AT = Instant.parse("2026-11-25T10:15:31Z");
    public static final long TX_ID = 771L;
    public static final long LSN = 24_023_128L;

    private PostgresEvents() {
    }

    /** The envelope of change events of the legacy table {@code public.<table>}, whose rows have {@code rowSchema}. */
    public static Envelope envelope(String table, Schema rowSchema) {
        return Envelope.defineSchema()
                .withName("legacy.public." + table + ".Envelope")
                .withRecord(rowSchema)
                .withSource(SOURCE_SCHEMA)
                .build();
    }

    public static Struct source(String snapshot) {
        return source("policy", COMMIT_TIME, snapshot, TX_ID, LSN);
    }

    /** The {@code source} block of a change committed at {@code commitTime} to the legacy table {@code public.<table>}. */
    public static Struct source(String table, Instant commitTime, String snapshot, long txId, long lsn) {
        return new Struct(SOURCE_SCHEMA)
                .put("version", "3.7.0.Final")
                .put("connector", "postgresql")
                .put("name", "legacy")
                .put("ts_ms", commitTime.toEpochMilli())
                .put("snapshot", snapshot)
                .put("db", "legacydb")
                .put("schema", "public")
                .put("table", table)
                .put("txId", txId)
                .put("lsn", lsn);
    }

    /** A row with CHAR(10) padding on the policy number, as Postgres returns bpchar values. */
    public static Struct row(String policyNo, String status, String regionCode, String activeFlag) {
        return new Struct(ROW_SCHEMA)
                .put("policy_no", policyNo)
                .put("status", status)
                .put("region_code", regionCode)
                .put("active_flag", activeFlag)
                .put("premium", new BigDecimal("1250.50"))
                .put("start_date", 20_000)                       // days since epoch: 2024-10-04
                .put("updated_at", 1_732_530_930_123_456L);      // micros since epoch
    }

    public static Struct key(String policyNo) {
        return new Struct(KEY_SCHEMA).put("policy_no", policyNo);
    }

    public static Struct create(Struct after) {
        return ENVELOPE.create(after, source("false"), PROCESSED_AT);
    }

    public static Struct read(Struct after) {
        return ENVELOPE.read(after, source("true"), PROCESSED_AT);
    }

    public static Struct update(Struct before, Struct after) {
        return ENVELOPE.update(before, after, source("false"), PROCESSED_AT);
    }

    public static Struct delete(Struct before) {
        return ENVELOPE.delete(before, source("false"), PROCESSED_AT);
    }

    public static Struct truncate() {
        return ENVELOPE.truncate(source("false"), PROCESSED_AT);
    }

    public static SourceRecord record(Struct key, Struct value) {
        return new SourceRecord(null, null, TOPIC, 0, key == null ? null : KEY_SCHEMA, key,
                value == null ? null : ENVELOPE.schema(), value);
    }

    /** A record whose value is an unwrapped row, as after {@code DomainEventUnwrap}. */
    public static SourceRecord rowRecord(Struct row) {
        return new SourceRecord(null, null, TOPIC, 0, KEY_SCHEMA, key((String) row.get("policy_no")), ROW_SCHEMA, row);
    }

    public static SourceRecord tombstone(Struct key) {
        return new SourceRecord(null, null, TOPIC, 0, KEY_SCHEMA, key, null, null);
    }
}
