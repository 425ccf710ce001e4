package dev.strangler.connect.acl.guard;

import java.time.Instant;
import java.util.Map;

import io.debezium.data.Envelope;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

import dev.strangler.connect.acl.testing.PostgresEvents;

/**
 * Change events of the legacy table {@code public.endorsement(endorsement_id INT, prod_line_cd CHAR(6),
 * country CHAR(2), endorsement_type VARCHAR, street VARCHAR, strangler_origin VARCHAR)} as Debezium's Postgres
 * connector writes them, with the {@code source} block of {@link PostgresEvents}. {@code ts_ms} in {@code source}
 * is the commit time the guard judges by; the envelope's own {@code ts_ms} (processing time) is set a day later on
 * purpose, so a test fails if the guard used it.
 */
public final class EndorsementEvents {

    public static final String TOPIC = "legacy.public.endorsement";
    public static final long TX_ID = 4242L;
    private static final long LSN = 1_000L;

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

    public static final Envelope ENVELOPE = PostgresEvents.envelope("endorsement", ROW_SCHEMA);

    private EndorsementEvents() {
    }

    public static Struct row(String productLine, String country, String type, String origin) {
        return new Struct(ROW_SCHEMA).put("endorsement_id", 7).put("prod_line_cd", productLine).put("country", country)
                .put("endorsement_type", type).put("street", "Hauptstr. 1").put("strangler_origin", origin);
    }

    public static Struct envelope(String op, Struct before, Struct after, String table, Instant commitTime) {
        Struct source = PostgresEvents.source(table, commitTime, op.equals("r") ? "true" : "false", TX_ID, LSN);
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
        return new SourceRecord(Map.of("server", "legacy"), Map.of("lsn", LSN), TOPIC, 0,
                KEY_SCHEMA, key, ENVELOPE.schema(), value, 1_764_000_000_000L);
    }
}
