package dev.strangler.connect.acl;

import java.util.List;

import dev.strangler.connect.acl.struct.FieldPath;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Validates a list of {@code from:to} dotted path pairs ({@code city:address.city}). */
final class FieldMoveListValidator implements ConfigDef.Validator {

    /** One parsed {@code from:to} pair. */
    record Move(FieldPath from, FieldPath to) {
    }

    static List<Move> parse(String key, List<String> entries) {
        return entries.stream().map(entry -> parse(key, entry)).toList();
    }

    private static Move parse(String key, String entry) {
        String[] parts = entry.split(":", -1);
        if (parts.length != 2) {
            throw new ConfigException(key, entry, "Write each entry as from:to, e.g. city:address.city");
        }
        try {
            return new Move(FieldPath.parse(parts[0]), FieldPath.parse(parts[1]));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, entry, e.getMessage());
        }
    }

    @Override
    public void ensureValid(String name, Object value) {
        if (value == null) {
            return;
        }
        for (Object entry : (List<?>) value) {
            parse(name, String.valueOf(entry));
        }
    }

    @Override
    public String toString() {
        return "list of from:to dotted field paths";
    }
}
