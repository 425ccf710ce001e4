package dev.strangler.connect.harness;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The whole local stack on 127.0.0.1, no Docker: PostgreSQL ({@code wal_level=logical}), Kafka (KRaft), a
 * distributed Connect worker whose plugin path is our built bundle plus Debezium's Postgres connector and the
 * Apicurio converter, and (on first use) Apicurio Registry.
 *
 * <p>Integration tests share one stack per JVM through {@link #shared()}: starting Kafka and Connect costs tens of
 * seconds on a 2-core machine, so tests isolate themselves by database, topic and connector names instead.
 */
public final class LocalStack implements AutoCloseable {

    private static final String MARKER = ".strangler-stack";
    private static LocalStack shared;

    private final Path workDir;
    private final boolean deleteOnClose;
    private final PostgresServer postgres;
    private final KafkaBroker kafka;
    private final ConnectWorker connect;
    private SchemaRegistry registry;

    private LocalStack(Path workDir, boolean deleteOnClose, PostgresServer postgres, KafkaBroker kafka, ConnectWorker connect) {
        this.workDir = workDir;
        this.deleteOnClose = deleteOnClose;
        this.postgres = postgres;
        this.kafka = kafka;
        this.connect = connect;
    }

    /** The stack shared by every test in this JVM, started on first use and stopped when the JVM exits. */
    public static synchronized LocalStack shared() {
        if (shared == null) {
            // -Dstrangler.stack.dir keeps the stack's logs (the build points it into target/ for CI forensics).
            String dir = System.getProperty("strangler.stack.dir");
            shared = start(dir == null ? null : Path.of(dir, "stack-" + ProcessHandle.current().pid()),
                    new ConnectWorker.Options().exactlyOnceSource(true));
            LocalStack stack = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "stop-local-stack"));
        }
        return shared;
    }

    /**
     * Starts a stack in {@code workDir} (kept after close, for the demo's logs), or in a temporary directory that is
     * deleted on close when {@code workDir} is null.
     */
    public static LocalStack start(Path workDir, ConnectWorker.Options connectOptions) {
        boolean temporary = workDir == null;
        Path dir;
        try {
            dir = temporary ? Files.createTempDirectory("strangler-stack-") : freshDirectory(workDir);
            Files.writeString(dir.resolve(MARKER), "a strangler-connect local stack; deleted by the next start\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PostgresServer postgres = null;
        KafkaBroker kafka = null;
        try {
            postgres = PostgresServer.start(dir);
            kafka = KafkaBroker.start(dir);
            ConnectWorker connect = ConnectWorker.start(dir, kafka.bootstrapServers(),
                    List.of(HarnessLayout.bundlePluginPath(), HarnessLayout.thirdPartyPluginPath()), connectOptions);
            return new LocalStack(dir, temporary, postgres, kafka, connect);
        } catch (RuntimeException | Error e) {
            // Never leave half a stack running when start-up fails.
            if (kafka != null) {
                kafka.close();
            }
            if (postgres != null) {
                postgres.close();
            }
            throw e;
        }
    }

    /** A stack's data is disposable: the previous run's directory is cleared, but never a directory we did not make. */
    private static Path freshDirectory(Path workDir) throws IOException {
        if (Files.isDirectory(workDir)) {
            if (Files.exists(workDir.resolve(MARKER))) {
                deleteRecursively(workDir);
            } else {
                try (Stream<Path> entries = Files.list(workDir)) {
                    if (entries.findAny().isPresent()) {
                        throw new IllegalArgumentException(workDir + " is not empty and not a previous stack's directory");
                    }
                }
            }
        }
        return Files.createDirectories(workDir);
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public ConnectWorker connect() {
        return connect;
    }

    /** Apicurio Registry, started on first call (it costs ~280 MB, and most tests use JSON). */
    public synchronized SchemaRegistry registry() {
        if (registry == null) {
            registry = SchemaRegistry.start(workDir);
        }
        return registry;
    }

    /** Where everything listens, for a person at a terminal. */
    public synchronized void printEndpoints(PrintStream out) {
        out.println();
        out.println("strangler-connect local stack is up");
        out.println("  Kafka Connect REST   " + connect.restUrl());
        out.println("  Kafka bootstrap      " + kafka.bootstrapServers());
        out.println("  PostgreSQL           " + postgres.jdbcUrl("postgres") + "  (user " + postgres.user() + ", password "
                + postgres.password() + ")");
        if (registry != null) {
            out.println("  Schema registry      " + registry.confluentCompatibleUrl() + "  (Confluent API)");
            out.println("                       " + registry.registryV2Url() + "  (Apicurio API, for its converter)");
        }
        out.println("  Logs                 " + workDir.toAbsolutePath());
        out.println();
    }

    public Path workDir() {
        return workDir;
    }

    @Override
    public synchronized void close() {
        closeQuietly(connect);
        closeQuietly(registry);
        closeQuietly(kafka);
        closeQuietly(postgres);
        if (deleteOnClose) {
            deleteRecursively(workDir);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            System.err.println("Could not stop " + closeable.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not delete " + dir + ": " + e.getMessage());
        }
    }
}
