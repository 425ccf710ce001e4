package dev.strangler.connect.journey.examples;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One connector of {@code config-examples/}: its name and configuration exactly as the file holds them, with the
 * file it came from (for messages). Placeholders are still in the values; {@link #resolve} substitutes them.
 */
public record ConnectorExample(Path file, String name, Map<String, String> config) {

    public ConnectorExample {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(name, "name");
        config = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(config));
    }

    public String connectorClass() {
        return config.get("connector.class");
    }

    /** The configuration with every placeholder replaced. */
    public Map<String, String> resolve(Placeholders placeholders) {
        Map<String, String> resolved = new LinkedHashMap<>();
        config.forEach((key, value) -> resolved.put(key, placeholders.substitute(value)));
        return resolved;
    }

    /** The configuration with the converter keys of {@code overlay} replacing this example's converter keys. */
    public ConnectorExample withConverters(Map<String, String> overlay) {
        Map<String, String> changed = new LinkedHashMap<>();
        config.forEach((key, value) -> {
            if (!isConverterKey(key)) {
                changed.put(key, value);
            }
        });
        changed.putAll(overlay);
        return new ConnectorExample(file, name, changed);
    }

    static boolean isConverterKey(String key) {
        return key.startsWith("key.converter") || key.startsWith("value.converter");
    }
}
