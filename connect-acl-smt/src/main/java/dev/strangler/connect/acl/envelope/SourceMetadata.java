package dev.strangler.connect.acl.envelope;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Where a change came from: the {@code source} block of a Debezium change event, read the same way for the
 * Postgres connector ({@code lsn}, numeric {@code txId}) and the Oracle connector ({@code scn}/{@code commit_scn}
 * as strings, string {@code txId}). Fields a connector does not write are empty, never a default that could be
 * mistaken for a position.
 */
public final class SourceMetadata {

    private final String connector;
    private final String name;
    private final String database;
    private final String schema;
    private final String table;
    private final String transactionId;
    private final Long lsn;
    private final String scn;
    private final String commitScn;
    private final Long timestampMillis;
    private final String snapshot;

    private SourceMetadata(Struct source) {
        Layout layout = Layout.of(source.schema());
        this.connector = text(source, layout.connector());
        this.name = text(source, layout.name());
        this.database = text(source, layout.database());
        this.schema = text(source, layout.schema());
        this.table = text(source, layout.table());
        // Postgres writes txId as INT64, Oracle as a STRING such as "0a001b00c3040000"; both read as text.
        this.transactionId = text(source, layout.transactionId());
        this.lsn = number(source, layout.lsn());
        this.scn = text(source, layout.scn());
        this.commitScn = text(source, layout.commitScn());
        this.timestampMillis = number(source, layout.timestamp());
        this.snapshot = text(source, layout.snapshot());
    }

    /**
     * Where the fields are in one {@code source} schema (null: the connector does not write it). A connector writes
     * every source block with one schema instance, so the last layout answers almost every record without a lookup
     * by name per field; immutable, so threads may share it.
     */
    private record Layout(Schema sourceSchema, Field connector, Field name, Field database,
                          Field schema, Field table, Field transactionId, Field lsn, Field scn, Field commitScn,
                          Field timestamp, Field snapshot) {

        private static volatile Layout last;

        static Layout of(Schema sourceSchema) {
            Layout layout = last;
            if (layout == null || layout.sourceSchema() != sourceSchema) {
                layout = new Layout(sourceSchema, sourceSchema.field("connector"), sourceSchema.field("name"),
                        sourceSchema.field("db"), sourceSchema.field("schema"), sourceSchema.field("table"),
                        sourceSchema.field("txId"), sourceSchema.field("lsn"), sourceSchema.field("scn"),
                        sourceSchema.field("commit_scn"), sourceSchema.field("ts_ms"), sourceSchema.field("snapshot"));
                last = layout;
            }
            return layout;
        }
    }

    /** Reads a {@code source} block; tolerant of connectors that omit optional fields. */
    public static SourceMetadata from(Struct source) {
        Objects.requireNonNull(source, "source");
        return new SourceMetadata(source);
    }

    /** The connector type as Debezium names it, e.g. {@code postgresql} or {@code oracle}. */
    public Optional<String> connector() {
        return Optional.ofNullable(connector);
    }

    /** The logical server name ({@code topic.prefix}). */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    public Optional<String> database() {
        return Optional.ofNullable(database);
    }

    public Optional<String> schema() {
        return Optional.ofNullable(schema);
    }

    public Optional<String> table() {
        return Optional.ofNullable(table);
    }

    public Optional<String> transactionId() {
        return Optional.ofNullable(transactionId);
    }

    /** Postgres log sequence number of the change. */
    public OptionalLong lsn() {
        return lsn == null ? OptionalLong.empty() : OptionalLong.of(lsn);
    }

    /** Oracle system change number of the change. */
    public Optional<String> scn() {
        return Optional.ofNullable(scn);
    }

    /** Oracle system change number of the commit of the change's transaction. */
    public Optional<String> commitScn() {
        return Optional.ofNullable(commitScn);
    }

    /** When the change was made in the source database (commit time for most connectors). */
    public Optional<Instant> timestamp() {
        return timestampMillis == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(timestampMillis));
    }

    /** Debezium's snapshot marker ({@code true}, {@code first}, {@code last}, {@code incremental}, {@code false}). */
    public Optional<String> snapshot() {
        return Optional.ofNullable(snapshot);
    }

    /** Whether the change was read by a snapshot (initial or incremental) rather than streamed from the log. */
    public boolean isSnapshot() {
        return snapshot != null && !"false".equals(snapshot);
    }

    /**
     * The position of the change in the source's log as text: the Postgres LSN, else the Oracle SCN. Empty for
     * sources that write neither.
     */
    public Optional<String> position() {
        if (lsn != null) {
            return Optional.of(Long.toString(lsn));
        }
        return Optional.ofNullable(scn);
    }

    private static String text(Struct source, Field field) {
        if (field == null) {
            return null;
        }
        Object value = source.get(field);
        return value == null ? null : value.toString();
    }

    private static Long number(Struct source, Field field) {
        if (field == null) {
            return null;
        }
        Object value = source.get(field);
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        throw new MalformedChangeEventException("source." + field.name() + " must be a number but has schema type "
                + field.schema().type());
    }

    @Override
    public String toString() {
        return "SourceMetadata[connector=" + connector + ", table=" + schema + "." + table + ", txId=" + transactionId
                + ", position=" + position().orElse(null) + ", snapshot=" + snapshot + "]";
    }
}
