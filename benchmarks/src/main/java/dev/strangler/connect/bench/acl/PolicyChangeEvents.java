package dev.strangler.connect.bench.acl;

import static dev.strangler.connect.acl.testing.PostgresEvents.COMMIT_TIME;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.debezium.data.Envelope;
import io.debezium.time.Date;
import io.debezium.time.MicroTimestamp;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

import dev.strangler.connect.acl.testing.PostgresEvents;

/**
 * The benchmark input: change events as Debezium's Postgres connector writes them for a legacy policy table with
 * coded columns, with the topic, key and {@code source} block of the ACL tests' {@link PostgresEvents}, whose
 * {@code policy} table this one widens:
 * {@code public.policy(policy_no CHAR(10) PRIMARY KEY, status CHAR(1), payment_mode CHAR(1), channel CHAR(2),
 * tx_code CHAR(3), approved BOOLEAN, holder_name VARCHAR(80), region_code VARCHAR(8), premium NUMERIC(10,2),
 * start_date DATE, updated_at TIMESTAMP(6))}.
 */
public final class PolicyChangeEvents {

    static final String[] STATUS_CODES = {"A", "L", "C"};
    static final String[] PAYMENT_CODES = {"M", "Q", "H", "Y"};
    static final String[] CHANNEL_CODES = {"BR", "DI", "AG"};
    static final String[] TX_CODES = {"END", "COR", "REN", "ADR"};

    public static final Schema ROW_SCHEMA = SchemaBuilder.struct().name("legacy.public.policy.Value").optional()
            .field("policy_no", Schema.STRING_SCHEMA)
            .field("status", Schema.OPTIONAL_STRING_SCHEMA)
            .field("payment_mode", Schema.OPTIONAL_STRING_SCHEMA)
            .field("channel", Schema.OPTIONAL_STRING_SCHEMA)
            .field("tx_code", Schema.OPTIONAL_STRING_SCHEMA)
            .field("approved", Schema.OPTIONAL_BOOLEAN_SCHEMA)
            .field("holder_name", Schema.OPTIONAL_STRING_SCHEMA)
            .field("region_code", Schema.OPTIONAL_STRING_SCHEMA)
            .field("premium", Decimal.builder(2).optional().parameter("connect.decimal.precision", "10").build())
            .field("start_date", Date.builder().optional().build())
            .field("updated_at", MicroTimestamp.builder().optional().build())
            .build();

    public static final Envelope ENVELOPE = PostgresEvents.envelope("policy", ROW_SCHEMA);

    private PolicyChangeEvents() {
    }

    /**
     * {@code count} change records of different policies: one in eight an insert, the others updates that change
     * the status and the transaction code, as a legacy back office does. Every code is in the mapping tables, so
     * every record takes the translation path (none is quarantined).
     */
    public static List<SourceRecord> records(int count) {
        List<SourceRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String policyNo = String.format("P-%07d", i);  // 9 characters in CHAR(10): one blank of padding
            Struct after = row(policyNo + " ", i, i + 1);
            Struct source = source(i);
            Instant processedAt = COMMIT_TIME.plusMillis(i + 5L);
            Struct value = i % 8 == 0
                    ? ENVELOPE.create(after, source, processedAt)
                    : ENVELOPE.update(row(policyNo + " ", i, i), after, source, processedAt);
            records.add(new SourceRecord(null, null, PostgresEvents.TOPIC, 0, PostgresEvents.KEY_SCHEMA,
                    PostgresEvents.key(policyNo + " "), ENVELOPE.schema(), value, COMMIT_TIME.toEpochMilli() + i));
        }
        return records;
    }

    private static Struct row(String policyNo, int policy, int version) {
        return new Struct(ROW_SCHEMA)
                .put("policy_no", policyNo)
                .put("status", STATUS_CODES[version % STATUS_CODES.length])
                .put("payment_mode", PAYMENT_CODES[policy % PAYMENT_CODES.length])
                .put("channel", CHANNEL_CODES[policy % CHANNEL_CODES.length])
                .put("tx_code", TX_CODES[version % TX_CODES.length])
                .put("approved", version % 2 == 0)
                .put("holder_name", "Holder " + policy)
                .put("region_code", "N" + (100 + policy % 900))
                .put("premium", BigDecimal.valueOf(100_000L + policy * 37L % 900_000L, 2))
                .put("start_date", 19_000 + policy % 2_000)
                .put("updated_at", COMMIT_TIME.toEpochMilli() * 1_000L + policy * 1_001L);
    }

    private static Struct source(int i) {
        return PostgresEvents.source("policy", COMMIT_TIME.plusMillis(i), "false", PostgresEvents.TX_ID + i,
                PostgresEvents.LSN + 64L * i);
    }
}
