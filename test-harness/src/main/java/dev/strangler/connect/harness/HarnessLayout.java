package dev.strangler.connect.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where the harness finds what it starts, as written by the build: the class path of Kafka's processes, the
 * Apicurio Registry distribution, our bundle and the third-party plugin directories. System properties of the same
 * name override each entry (e.g. {@code -Dbundle.plugin.path=/opt/plugins}).
 */
public final class HarnessLayout {

    private static final Properties BUILD = load("harness.properties");

    private HarnessLayout() {
    }

    /** The class path for Kafka's own JVMs (broker, Connect worker, tools): Kafka jars only, no plugin of ours. */
    public static String kafkaClassPath() {
        String fromBuild = resource("kafka.classpath").trim();
        return System.getProperty("kafka.classpath", fromBuild);
    }

    public static Path bundlePluginPath() {
        return existingDirectory("bundle.plugin.path", "run `./mvnw package` first: it builds the bundle");
    }

    public static Path thirdPartyPluginPath() {
        return existingDirectory("third-party.plugin.path", "run `./mvnw package` first: it lays out Debezium and the Apicurio converter");
    }

    public static Path apicurioRegistryRunner() {
        Path dir = existingDirectory("apicurio.registry.dir", "run `./mvnw package` first: it unpacks Apicurio Registry");
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-runner.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No *-runner.jar in " + dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The root of the source tree that built this harness (where the plugin modules and their zips are). */
    public static Path projectRoot() {
        return existingDirectory("project.root", "the harness was built elsewhere");
    }

    /** The version of the build: every plugin's {@code version()} must report it. */
    public static String projectVersion() {
        return BUILD.getProperty("project.version");
    }

    /** The java executable of this JVM, so child processes run on the same JDK. */
    public static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static Path existingDirectory(String key, String hint) {
        Path dir = Path.of(System.getProperty(key, BUILD.getProperty(key)));
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(key + " = " + dir + " does not exist; " + hint);
        }
        return dir;
    }

    private static Properties load(String name) {
        Properties properties = new Properties();
        try (InputStream in = HarnessLayout.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing build resource " + name);
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static String resource(String name) {
        try (InputStream in = HarnessLayout.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing build resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
