package dev.strangler.connect.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version every connector, task, transformation and predicate reports through {@code version()}. It comes
 * from the build (a Maven-filtered resource), so a worker's {@code GET /connector-plugins} shows the version of
 * the jar that is really loaded.
 */
public final class StranglerVersion {

    private static final String RESOURCE = "version.properties";
    private static final String VERSION = load();

    private StranglerVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = StranglerVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing build resource " + RESOURCE + " beside " + StranglerVersion.class.getName());
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
