package dev.strangler.connect.acl.guard;

import java.time.Instant;

import io.debezium.data.Envelope;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Change events of the legacy table {@code public.endorsement(endorsement_id INT, prod_line_cd CHAR(6),
 * country CHAR(2), endorsement_type VARCHAR, street VARCHAR, strangler_origin VARCHAR)} as Debezium's Postgres
 * connector writes them, built with Debezium's own {@link Envelope}. {@code ts_ms} in {@code source} is the
 * commit time the guard judges by; the envelope's own {@code ts_ms} (processing time) is set a day later on
 * purpose, so a test fails if the guard used it.
 */
public final class EndorsementEvents {

    public static final String TOPIC = "legacy.public.endorsement";
    public static final long TX_ID = 4242L;

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
            .field("schema", Schema.STRING_SCHEMA)
            .field("table", Schema.STRING_SCHEMA)
            .field("txId", Schema.OPTIONAL_INT64_SCHEMA)
            .field("lsn", Schema.OPTIONAL_INT64_SCHEMA)
            .field("xmin", Schema.OPTIONAL_INT64_SCHEMA)
            .build();

    public static final Schema ROW_SCHEMA = SchemaBuilder.struct().name("legacy.public.endorsement.Value").optional()
            .field("endorsement_id", Schema.INT32_SCHEMA)
            .field("prod_line_cd", Schema.OPTIONAL_STRING_SCHEMA)
            .field("country", Schema.OPTIONAL_STRING_SCHEMA)
            .field("endorsement_type", Schema.OPTIONAL_STRING_SCHEMA)
            .field("street", Schema.OPTIONAL_STRING_SCHEMA)
            .field("strangler_origin", Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    public static final Schema KEY_SCHEMA = SchemaBuilder.struct().name("legacy.public.endorsement.Key")
            .field("endorsement_id", Schema.INT32_SCHEMA).build();

    public static final Envelope ENVELOPE = Envelope.defineSchema()
            .withName("legacy.public.endorsement.Envelope")
            .withRecord(ROW_SCHEMA)
            .withSource(SOURCE_SCHEMA)
            .build();

    private EndorsementEvents() {
    }

    public static Struct row(String productLine, String country, String type, String origin) {
        return new Struct(ROW_SCHEMA).put("endorsement_id", 7).put("prod_line_cd", productLine).put("country", country)
                .put("endorsement_type", type).put("street", "Hauptstr. 1").put("strangler_origin", origin);
    }

    public static Struct source(String table, Instant commitTime, String snapshot) {
        return new Struct(SOURCE_SCHEMA).put("version", "3.7.0.Final").put("connector", "postgresql").put("name", "legacy")
                .put("ts_ms", commitTime.toEpochMilli()).put("snapshot", snapshot).put("db", "legacydb")
                .put("schema", "public").put("table", table).put("txId", TX_ID).put("lsn", 1_000L);
    }

    public static Struct envelope(String op, Struct before, Struct after, String table, Instant commitTime) {
        Struct source = source(table, commitTime, op.equals("r") ? "true" : "false");
        Instant processedAt = commitTime.plusSeconds(86_400);
        return switch (op) {
            case "c" -> ENVELOPE.create(after, source, processedAt);
            case "r" -> ENVELOPE.read(after, source, processedAt);
            case "u" -> ENVELOPE.update(before, after, source, processedAt);
            case "d" -> ENVELOPE.delete(before, source, processedAt);
            case "t" -> ENVELOPE.truncate(source, processedAt);
            default -> throw new IllegalArgumentException(op);
        };
    }

    public static SourceRecord record(Struct value) {
        Struct key = new Struct(KEY_SCHEMA).put("endorsement_id", 7);
        return new SourceRecord(java.util.Map.of("server", "legacy"), java.util.Map.of("lsn", 1_000L), TOPIC, 0,
                KEY_SCHEMA, key, ENVELOPE.schema(), value, 1_764_000_000_000L);
    }
}
