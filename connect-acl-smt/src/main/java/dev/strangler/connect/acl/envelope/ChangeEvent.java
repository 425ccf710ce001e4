package dev.strangler.connect.acl.envelope;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * An immutable, read-only view over the value of a Debezium change event (the {@code Envelope}): what happened
 * ({@link Operation}), the row before and after, and where it came from ({@link SourceMetadata}). It is how every
 * ACL transform and the authority guard read legacy CDC without depending on a Debezium jar at run time.
 *
 * <pre>{@code
 * if (ChangeEvent.isChangeEvent(record.valueSchema())) {
 *     ChangeEvent event = ChangeEvent.from((Struct) record.value());
 *     Optional<Struct> row = event.state();          // after for c/u/r, before for d
 *     String table = event.source().table().orElse("?");
 * }
 * }</pre>
 *
 * <p>Works for Postgres- and Oracle-shaped {@code source} blocks alike; see {@link SourceMetadata}.
 */
public final class ChangeEvent {

    /** Envelope field names, as written by every Debezium relational connector. */
    public static final String OP = "op";
    public static final String BEFORE = "before";
    public static final String AFTER = "after";
    public static final String SOURCE = "source";
    public static final String TS_MS = "ts_ms";

    private final Struct envelope;
    private final Operation operation;
    private final Struct before;
    private final Struct after;
    private final SourceMetadata source;
    private final Long timestampMillis;

    private ChangeEvent(Struct envelope, Operation operation, Struct before, Struct after, SourceMetadata source,
                        Long timestampMillis) {
        this.envelope = envelope;
        this.operation = operation;
        this.before = before;
        this.after = after;
        this.source = source;
        this.timestampMillis = timestampMillis;
    }

    /**
     * Whether a value schema has the shape of a Debezium change event: a struct with {@code op}, {@code source}
     * and at least one of {@code before}/{@code after}. Shape, not name, decides, because routing or renaming
     * transforms earlier in a chain may change the schema name ({@code ...Envelope}).
     */
    public static boolean isChangeEvent(Schema valueSchema) {
        return valueSchema != null && valueSchema.type() == Schema.Type.STRUCT && Layout.of(valueSchema).isChangeEvent();
    }

    /**
     * Where the envelope fields are in one envelope schema. The change events of a table share one schema instance,
     * so the last layout answers almost every record without a lookup by name per field; a thread that sees another
     * schema builds its layout and replaces the last one (immutable, so sharing it between threads is safe).
     */
    private record Layout(Schema schema, Field op, Field before, Field after, Field source, Field timestamp) {

        private static volatile Layout last;

        static Layout of(Schema schema) {
            Layout layout = last;
            if (layout == null || layout.schema() != schema) {
                layout = new Layout(schema, schema.field(OP), schema.field(BEFORE), schema.field(AFTER), schema.field(SOURCE),
                        schema.field(TS_MS));
                last = layout;
            }
            return layout;
        }

        boolean isChangeEvent() {
            return op != null && source != null && (before != null || after != null);
        }
    }

    /**
     * Reads a change event value.
     *
     * @throws MalformedChangeEventException when the value is not a well-formed change event (unknown op, missing
     *                                       source, a create without {@code after}, ...); the message names the field.
     */
    public static ChangeEvent from(Struct envelope) {
        Objects.requireNonNull(envelope, "envelope");
        Layout layout = Layout.of(envelope.schema());
        if (!layout.isChangeEvent()) {
            throw new MalformedChangeEventException("Value is not a Debezium change event: it needs the fields op, source and before/after");
        }
        Object opValue = envelope.get(layout.op());
        if (opValue == null) {
            throw new MalformedChangeEventException("Change event field op is null");
        }
        Operation operation = Operation.fromCode(opValue.toString()).orElseThrow(() ->
                new MalformedChangeEventException("Change event field op has unsupported code '" + opValue + "'"));
        Struct before = optionalStruct(envelope, layout.before());
        Struct after = optionalStruct(envelope, layout.after());
        Struct sourceStruct = optionalStruct(envelope, layout.source());
        if (sourceStruct == null) {
            throw new MalformedChangeEventException("Change event field source is null");
        }
        switch (operation) {
            case CREATE, READ, UPDATE -> {
                if (after == null) {
                    throw new MalformedChangeEventException("Change event with op '" + operation.code() + "' has no after image");
                }
            }
            case DELETE -> {
                if (before == null) {
                    throw new MalformedChangeEventException("Change event with op 'd' has no before image");
                }
            }
            case TRUNCATE -> {
                // a truncate names only the table; it carries neither image
            }
        }
        Field ts = layout.timestamp();
        Object tsValue = ts == null ? null : envelope.get(ts);
        Long timestampMillis = tsValue instanceof Number n ? n.longValue() : null;
        return new ChangeEvent(envelope, operation, before, after, SourceMetadata.from(sourceStruct), timestampMillis);
    }

    public Operation operation() {
        return operation;
    }

    /** The row before the change; empty for creates and reads, and for updates when the table does not log it. */
    public Optional<Struct> before() {
        return Optional.ofNullable(before);
    }

    /** The row after the change; empty for deletes and truncates. */
    public Optional<Struct> after() {
        return Optional.ofNullable(after);
    }

    /** The row state the event is about: {@code after} for create, update and read, {@code before} for delete. */
    public Optional<Struct> state() {
        return operation == Operation.DELETE ? before() : after();
    }

    /** The schema of the row (the {@code before}/{@code after} field schema). */
    public Schema rowSchema() {
        Layout layout = Layout.of(envelope.schema());
        return (layout.after() != null ? layout.after() : layout.before()).schema();
    }

    public SourceMetadata source() {
        return source;
    }

    /** When Debezium processed the change (envelope {@code ts_ms}); the source's own time is {@code source().timestamp()}. */
    public Optional<Instant> processedAt() {
        return timestampMillis == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(timestampMillis));
    }

    /** Whether this event reads existing history (a snapshot read) rather than reporting a new change. */
    public boolean isBackfill() {
        return operation == Operation.READ || source.isSnapshot();
    }

    /**
     * The names of the row fields whose values differ between before and after, in schema order. Empty when the
     * operation is not an update or the before image is missing (Postgres without {@code REPLICA IDENTITY FULL}):
     * then the changed fields are unknown, which is not the same as "none changed".
     */
    public Optional<List<String>> changedFields() {
        if (operation != Operation.UPDATE || before == null || after == null) {
            return Optional.empty();
        }
        List<String> changed = new ArrayList<>();
        // Debezium gives both images the one row schema: then a field is at the same index in both
        boolean sameSchema = before.schema() == after.schema();
        for (Field field : after.schema().fields()) {
            Field previous = sameSchema ? field : before.schema().field(field.name());
            if (previous == null || !sameValue(before.get(previous), after.get(field))) {
                changed.add(field.name());
            }
        }
        return Optional.of(Collections.unmodifiableList(changed));
    }

    /**
     * Equality of two Connect values. BYTES values may be {@code byte[]}, which compare by content; all other
     * Connect values (strings, numbers, structs, lists, maps, {@code ByteBuffer}) have a content {@code equals}.
     */
    private static boolean sameValue(Object before, Object after) {
        if (before instanceof byte[] beforeBytes && after instanceof byte[] afterBytes) {
            return Arrays.equals(beforeBytes, afterBytes);
        }
        return Objects.equals(before, after);
    }

    /** The underlying envelope value, for transforms that must pass it on unchanged. */
    public Struct envelope() {
        return envelope;
    }

    private static Struct optionalStruct(Struct envelope, Field field) {
        if (field == null) {
            return null;
        }
        Object value = envelope.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Struct struct)) {
            throw new MalformedChangeEventException("Change event field " + field.name() + " must be a struct but has schema type "
                    + field.schema().type());
        }
        return struct;
    }

    @Override
    public String toString() {
        // never the row values: they may be personal data
        return "ChangeEvent[op=" + operation.code() + ", " + source + "]";
    }
}
