package dev.strangler.connect.core.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * One validator and recommender for every enum-valued option. Users write the lower-case, dash-separated form
 * ({@code pass-through}); the constant is {@code PASS_THROUGH}. The Connect UI and {@code config/validate} list
 * the accepted values through {@link #validValues}.
 */
public final class EnumValidator<E extends Enum<E>> implements ConfigDef.Validator, ConfigDef.Recommender {

    private final Class<E> type;

    private EnumValidator(Class<E> type) {
        this.type = type;
    }

    public static <E extends Enum<E>> EnumValidator<E> of(Class<E> type) {
        return new EnumValidator<>(type);
    }

    /** The user-facing spelling of a constant: {@code PASS_THROUGH} -> {@code pass-through}. */
    public static String configValue(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses the user-facing spelling (case-insensitive; '-' and '_' are the same). */
    public static <E extends Enum<E>> E parse(Class<E> type, String key, String value) {
        if (value == null) {
            throw new ConfigException(key, null, "Must be one of " + allowed(type));
        }
        String normalised = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(normalised)) {
                return constant;
            }
        }
        throw new ConfigException(key, value, "Must be one of " + allowed(type));
    }

    public E parse(String key, String value) {
        return parse(type, key, value);
    }

    @Override
    public void ensureValid(String name, Object value) {
        if (value == null) {
            return; // presence is the ConfigDef's concern (NO_DEFAULT_VALUE), not the enum's
        }
        parse(type, name, value.toString());
    }

    @Override
    public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
        return Arrays.stream(type.getEnumConstants()).map(EnumValidator::configValue).collect(Collectors.toList());
    }

    @Override
    public boolean visible(String name, Map<String, Object> parsedConfig) {
        return true;
    }

    @Override
    public String toString() {
        return allowed(type);
    }

    private static String allowed(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(EnumValidator::configValue)
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
