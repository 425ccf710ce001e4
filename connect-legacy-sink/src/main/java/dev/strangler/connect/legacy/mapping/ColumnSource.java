package dev.strangler.connect.legacy.mapping;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.strangler.connect.core.mapping.Translation;
import dev.strangler.connect.core.mapping.UnknownValuePolicy;
import dev.strangler.connect.core.mapping.ValueTranslator;

/**
 * Where a legacy column's value comes from. Declared in the mapping as an object with exactly one of
 * {@code field}, {@code element}, {@code key}, {@code constant}, {@code template}, {@code elementIndex},
 * {@code eventTime}, plus an optional {@code translate} naming a value mapping read in reverse.
 */
public sealed interface ColumnSource {

    /**
     * The value for one row; null when the event has none.
     *
     * @throws ProjectionException when the event cannot supply a writable value
     */
    Object value(RowScope scope) throws ProjectionException;

    /** What the source reads, for validation (a tombstone has only a key; only detail rows have elements). */
    enum Reads { EVENT_VALUE, ELEMENT, RECORD_KEY, NOTHING }

    List<Reads> reads();

    /** A field of the event value: {@code {"field": "policy.number"}}. */
    record EventField(FieldPath path) implements ColumnSource {
        @Override
        public Object value(RowScope scope) throws ProjectionException {
            return scalar(path.resolve(scope.event().value()), "field '" + path + "'");
        }

        @Override
        public List<Reads> reads() {
            return List.of(Reads.EVENT_VALUE);
        }
    }

    /** A field of the array element of a detail row: {@code {"element": "amount"}}. */
    record ElementField(FieldPath path) implements ColumnSource {
        @Override
        public Object value(RowScope scope) throws ProjectionException {
            return scalar(path.resolve(scope.element()), "element field '" + path + "'");
        }

        @Override
        public List<Reads> reads() {
            return List.of(Reads.ELEMENT);
        }
    }

    /** A field of the record key ({@code ""} for a scalar key): {@code {"key": "policyId"}}. */
    record KeyField(FieldPath path) implements ColumnSource {
        @Override
        public Object value(RowScope scope) throws ProjectionException {
            return scalar(path.resolve(scope.event().key()), "key field '" + path + "'");
        }

        @Override
        public List<Reads> reads() {
            return List.of(Reads.RECORD_KEY);
        }
    }

    /** A fixed value: {@code {"constant": "NEWSVC"}}. */
    record Constant(Object constant) implements ColumnSource {
        @Override
        public Object value(RowScope scope) {
            return constant;
        }

        @Override
        public List<Reads> reads() {
            return List.of(Reads.NOTHING);
        }
    }

    /** The element's position in its array, counted from {@code base}: {@code {"elementIndex": 1}}. */
    record ElementIndex(int base) implements ColumnSource {
        @Override
        public Object value(RowScope scope) {
            return scope.elementIndex() + base;
        }

        @Override
        public List<Reads> reads() {
            return List.of(Reads.ELEMENT);
        }
    }

    /** The event time as a UTC timestamp: {@code {"eventTime": true}}. */
    record EventTime() implements ColumnSource {
        @Override
        public Object value(RowScope scope) {
            return OffsetDateTime.ofInstant(scope.eventTime(), ZoneOffset.UTC);
        }

        @Override
        public List<Reads> reads() {
            return List.of(Reads.NOTHING);
        }
    }

    /** A derived legacy key: {@code {"template": "{policy.number}-{element:lineNo}"}} (see {@link KeyTemplate}). */
    record Template(KeyTemplate template) implements ColumnSource {
        @Override
        public Object value(RowScope scope) throws ProjectionException {
            return template.render(scope);
        }

        @Override
        public List<Reads> reads() {
            return template.reads();
        }
    }

    /** Another source's value translated from a domain value back to a legacy code. */
    record Translated(ColumnSource source, String mappingName, ValueTranslator translator) implements ColumnSource {

        public Translated {
            Objects.requireNonNull(translator, "translator");
        }

        @Override
        public Object value(RowScope scope) throws ProjectionException {
            Object domain = source.value(scope);
            if (domain == null) {
                return null;
            }
            Translation translation = translator.translate(domain.toString());
            if (translation.isRejected()) {
                boolean fail = translator.policy() == UnknownValuePolicy.FAIL;
                throw new ProjectionException("value mapping '" + mappingName + "' has no legacy code for the value of "
                        + describe(source), fail);
            }
            return translation.value();
        }

        @Override
        public List<Reads> reads() {
            return source.reads();
        }

        private static String describe(ColumnSource source) {
            if (source instanceof EventField field) {
                return "field '" + field.path() + "'";
            }
            if (source instanceof ElementField field) {
                return "element field '" + field.path() + "'";
            }
            if (source instanceof KeyField field) {
                return "key field '" + field.path() + "'";
            }
            return "its source";
        }
    }

    /**
     * A value a column can take: scalars and {@code java.time} values as they are, Connect's
     * {@code java.util.Date} as a UTC timestamp. Objects and arrays are refused: a column holds one value.
     */
    static Object scalar(Object value, String what) throws ProjectionException {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof byte[] || value instanceof LocalDate || value instanceof LocalTime
                || value instanceof LocalDateTime || value instanceof OffsetDateTime) {
            return value;
        }
        if (value instanceof Instant instant) {
            return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
        }
        if (value instanceof ZonedDateTime zoned) {
            return zoned.toOffsetDateTime();
        }
        if (value instanceof java.util.Date date) {
            return OffsetDateTime.ofInstant(date.toInstant(), ZoneOffset.UTC);
        }
        if (value instanceof Map<?, ?>) {
            throw new ProjectionException(what + " is an object, not a value a column can hold");
        }
        if (value instanceof List<?>) {
            throw new ProjectionException(what + " is an array, not a value a column can hold");
        }
        throw new ProjectionException(what + " has type " + value.getClass().getSimpleName() + ", which no column can hold");
    }
}
