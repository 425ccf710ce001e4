package dev.strangler.connect.acl;

import java.util.List;

import dev.strangler.connect.acl.struct.FieldPath;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Validates a list of dotted field paths ({@code after.status, before.status}); optionally requires at least one. */
final class FieldPathListValidator implements ConfigDef.Validator {

    private final boolean required;

    private FieldPathListValidator(boolean required) {
        this.required = required;
    }

    static FieldPathListValidator nonEmpty() {
        return new FieldPathListValidator(true);
    }

    static FieldPathListValidator any() {
        return new FieldPathListValidator(false);
    }

    @Override
    public void ensureValid(String name, Object value) {
        if (value == null) {
            return; // presence is the ConfigDef's concern (NO_DEFAULT_VALUE), not the validator's
        }
        List<?> paths = (List<?>) value;
        if (required && paths.isEmpty()) {
            throw new ConfigException(name, value, "List at least one field path, e.g. after.status");
        }
        for (Object path : paths) {
            try {
                FieldPath.parse(path == null ? null : path.toString());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }
    }

    @Override
    public String toString() {
        return (required ? "non-empty " : "") + "list of dotted field paths";
    }
}
