package dev.strangler.connect.acl;

import dev.strangler.connect.acl.struct.FieldPath;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Validates one dotted field path. */
final class FieldPathValidator implements ConfigDef.Validator {

    @Override
    public void ensureValid(String name, Object value) {
        if (value == null) {
            return; // presence is the ConfigDef's concern
        }
        try {
            FieldPath.parse(value.toString());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "dotted field path";
    }
}
