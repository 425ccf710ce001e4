package dev.strangler.connect.legacy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;

import dev.strangler.connect.legacy.mapping.FieldPath;

/**
 * Where a record's event type is read: a header ({@code header:eventType}), a field of the value
 * ({@code field:meta.type}) or the topic name ({@code topic}, for a topic per event type).
 */
sealed interface EventTypeSource {

    Optional<String> eventType(SinkRecord record, Object convertedValue);

    final class FromHeader implements EventTypeSource {
        private final String name;
        /** The last header bytes decoded and their text: a topic carries few event types, usually in runs. */
        private byte[] lastBytes;
        private Optional<String> lastType;

        FromHeader(String name) {
            this.name = name;
        }

        String name() {
            return name;
        }

        @Override
        public Optional<String> eventType(SinkRecord record, Object convertedValue) {
            Header header = record.headers().lastWithName(name);
            if (header == null || header.value() == null) {
                return Optional.empty();
            }
            Object value = header.value();
            if (value instanceof byte[] bytes) {
                if (!Arrays.equals(bytes, lastBytes)) {
                    lastType = Optional.of(new String(bytes, StandardCharsets.UTF_8));
                    lastBytes = bytes.clone();
                }
                return lastType;
            }
            return Optional.of(value.toString());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof FromHeader other && other.name.equals(name);
        }

        @Override
        public int hashCode() {
            return name.hashCode();
        }

        @Override
        public String toString() {
            return "header:" + name;
        }
    }

    record FromField(FieldPath path) implements EventTypeSource {
        @Override
        public Optional<String> eventType(SinkRecord record, Object convertedValue) {
            Object value = path.resolve(convertedValue);
            return value == null ? Optional.empty() : Optional.of(value.toString());
        }
    }

    record FromTopic() implements EventTypeSource {
        @Override
        public Optional<String> eventType(SinkRecord record, Object convertedValue) {
            return Optional.ofNullable(record.topic());
        }
    }

    /** @throws IllegalArgumentException explaining the accepted forms */
    static EventTypeSource parse(String spec) {
        String text = spec == null ? "" : spec.trim();
        if (text.equals("topic")) {
            return new FromTopic();
        }
        if (text.startsWith("header:") && text.length() > "header:".length()) {
            return new FromHeader(text.substring("header:".length()));
        }
        if (text.startsWith("field:")) {
            return new FromField(FieldPath.parse(text.substring("field:".length())));
        }
        throw new IllegalArgumentException("use header:<name>, field:<dotted.path> or topic");
    }

    /** Validates {@code event.type.source} in {@code config/validate}. */
    final class Validator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                parse(value == null ? null : value.toString());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "header:<name>, field:<dotted.path> or topic";
        }
    }
}
