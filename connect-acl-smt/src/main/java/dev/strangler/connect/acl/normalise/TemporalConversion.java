package dev.strangler.connect.acl.normalise;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Date;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Debezium's temporal encodings ({@code io.debezium.time.*}: days, milli-, micro- and nanoseconds since the epoch or
 * midnight, ISO text with an offset) to proper types: Connect's logical {@code Date}/{@code Time}/{@code Timestamp}
 * (millisecond precision: finer digits are cut) or lossless ISO-8601 text.
 *
 * <p>Legacy columns without a time zone ({@code TIMESTAMP}, Oracle {@code DATE}) reach Kafka as wall-clock time
 * encoded as if it were UTC. The {@code legacyZone} says where that wall clock hung, so the result is the true
 * instant: a Berlin 10:00 becomes 09:00Z in winter.
 */
public final class TemporalConversion {

    /** What temporal values become. */
    public enum Target {
        /** Connect logical types, millisecond precision. */
        CONNECT,
        /** ISO-8601 text: {@code 2024-10-04}, {@code 10:15:30.123456}, {@code 2024-11-25T09:35:30.123456Z}; lossless. */
        ISO_STRING
    }

    private static final String DEBEZIUM = "io.debezium.time.";

    private final Target target;
    private final ZoneId legacyZone;

    public TemporalConversion(Target target, ZoneId legacyZone) {
        this.target = target;
        this.legacyZone = legacyZone;
    }

    /** Whether the schema is a Debezium temporal type this class converts. */
    public static boolean handles(Schema schema) {
        String name = schema.name();
        return name != null && name.startsWith(DEBEZIUM) && kind(name) != null;
    }

    private enum Kind { DATE, TIME, TIMESTAMP }

    private static Kind kind(String name) {
        return switch (name.substring(DEBEZIUM.length())) {
            case "Date" -> Kind.DATE;
            case "Time", "MicroTime", "NanoTime" -> Kind.TIME;
            case "Timestamp", "MicroTimestamp", "NanoTimestamp", "ZonedTimestamp" -> Kind.TIMESTAMP;
            default -> null;
        };
    }

    /** The conversion for a field whose schema {@link #handles} accepts. */
    public FieldConversion forField(String path, Schema schema) {
        String type = schema.name().substring(DEBEZIUM.length());
        Kind kind = kind(schema.name());
        Schema out = targetSchema(kind, schema.isOptional());
        return new FieldConversion() {
            @Override
            public Schema schema() {
                return out;
            }

            @Override
            public Object convert(Object value) {
                return switch (kind) {
                    case DATE -> date(LocalDate.ofEpochDay(((Number) value).longValue()));
                    case TIME -> time(LocalTime.ofNanoOfDay(nanosOfDay(type, ((Number) value).longValue())));
                    case TIMESTAMP -> timestamp(instant(path, type, value));
                };
            }
        };
    }

    private Schema targetSchema(Kind kind, boolean optional) {
        SchemaBuilder builder = switch (target) {
            case ISO_STRING -> SchemaBuilder.string();
            case CONNECT -> switch (kind) {
                case DATE -> org.apache.kafka.connect.data.Date.builder();
                case TIME -> Time.builder();
                case TIMESTAMP -> Timestamp.builder();
            };
        };
        return optional ? builder.optional().build() : builder.build();
    }

    private static long nanosOfDay(String type, long value) {
        return switch (type) {
            case "Time" -> value * 1_000_000L;
            case "MicroTime" -> value * 1_000L;
            default -> value;
        };
    }

    private Instant instant(String path, String type, Object value) {
        if ("ZonedTimestamp".equals(type)) {
            try {
                return OffsetDateTime.parse((String) value).toInstant();
            } catch (DateTimeParseException e) {
                throw new ConversionException("field " + path + " is not an ISO-8601 timestamp with offset");
            }
        }
        long number = ((Number) value).longValue();
        Instant encoded = switch (type) {
            case "Timestamp" -> Instant.ofEpochMilli(number);
            case "MicroTimestamp" -> Instant.ofEpochSecond(Math.floorDiv(number, 1_000_000L), Math.floorMod(number, 1_000_000L) * 1_000L);
            default -> Instant.ofEpochSecond(Math.floorDiv(number, 1_000_000_000L), Math.floorMod(number, 1_000_000_000L));
        };
        // wall-clock time encoded as UTC: read the wall clock back and place it in the legacy zone
        return LocalDateTime.ofInstant(encoded, ZoneOffset.UTC).atZone(legacyZone).toInstant();
    }

    private Object date(LocalDate date) {
        return target == Target.ISO_STRING ? date.toString()
                : Date.from(date.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    private Object time(LocalTime time) {
        return target == Target.ISO_STRING ? time.toString()
                : new Date(time.toNanoOfDay() / 1_000_000L);
    }

    private Object timestamp(Instant instant) {
        return target == Target.ISO_STRING ? instant.toString() : Date.from(instant);
    }
}
