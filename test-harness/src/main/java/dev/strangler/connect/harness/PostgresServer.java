package dev.strangler.connect.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server started from the machine's binaries, in a fresh data directory, with {@code wal_level=logical}
 * so Debezium can decode it. The server refuses to run as root: when the harness runs as root (CI does), initdb and
 * pg_ctl run through {@code runuser} as an unprivileged OS user ({@code postgres} by default, or
 * {@code -Dstrangler.pg.os-user=NAME}), which then owns the data directory.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String SUPERUSER = "postgres";
    /** Authentication is {@code trust} on 127.0.0.1; the password exists because connector configs require one. */
    public static final String PASSWORD = "postgres";

    private final Path binDir;
    private final Path baseDir;
    private final Path dataDir;
    private final Path logFile;
    private final Optional<String> osUser;
    private final int port;
    private boolean shutdownHookRegistered;

    private PostgresServer(Path binDir, Path baseDir, Optional<String> osUser, int port) {
        this.binDir = binDir;
        this.baseDir = baseDir;
        this.dataDir = baseDir.resolve("data");
        this.logFile = baseDir.resolve("postgres.log");
        this.osUser = osUser;
        this.port = port;
    }

    /** Creates a data directory in {@code workDir} and starts the server on a free port. */
    public static PostgresServer start(Path workDir) {
        Path binDir = findBinaries();
        Optional<String> osUser = runningAsRoot() ? Optional.of(System.getProperty("strangler.pg.os-user", "postgres")) : Optional.empty();
        try {
            Path base;
            if (osUser.isPresent()) {
                // The unprivileged server user must reach its directory; the work directory may sit below a
                // directory only root can enter (/root/...), so the data lives in the world-traversable temp dir.
                base = Files.createTempDirectory("strangler-postgres-");
                Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwx------"));
                UserPrincipal owner = base.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(osUser.get());
                Files.setOwner(base, owner);
                Files.createDirectories(workDir);
                Files.writeString(workDir.resolve("postgres-location.txt"), base + System.lineSeparator());
            } else {
                base = Files.createDirectories(workDir.resolve("postgres"));
            }
            PostgresServer server = new PostgresServer(binDir, base, osUser, FreePorts.next());
            server.initdb();
            server.startServer();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    public String user() {
        return SUPERUSER;
    }

    public String password() {
        return PASSWORD;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", SUPERUSER);
        properties.setProperty("password", PASSWORD);
        return DriverManager.getConnection(jdbcUrl(database), properties);
    }

    /** Creates the database unless it exists. */
    public void createDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("Use a lower-case SQL identifier for a test database: " + name);
        }
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'");
            if (!exists.next()) {
                statement.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
    }

    /** Runs each statement in its own auto-committed transaction. */
    public void execute(String database, String... statements) {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed on " + database + ": " + e.getMessage(), e);
        }
    }

    /** A fast shutdown and start on the same port and data, as a database failover or maintenance restart. */
    public void restart() {
        stopServer("fast");
        startServer();
    }

    public void stop() {
        stopServer("fast");
    }

    public void startAgain() {
        startServer();
    }

    @Override
    public void close() {
        stopServer("immediate");
        if (osUser.isPresent()) {
            deleteRecursively(baseDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not delete " + dir + ": " + e.getMessage());
        }
    }

    public Path logFile() {
        return logFile;
    }

    private void initdb() {
        run(Duration.ofMinutes(2), binDir.resolve("initdb").toString(), "-D", dataDir.toString(), "-A", "trust", "-U", SUPERUSER,
                "-E", "UTF8", "--locale=C", "--no-sync");
    }

    private void startServer() {
        String options = String.join(" ",
                "-p", Integer.toString(port),
                "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=" + baseDir,
                "-c", "wal_level=logical",
                "-c", "max_wal_senders=20",
                "-c", "max_replication_slots=20",
                "-c", "max_connections=200",
                // Test data is disposable: trade durability for speed on a 2-core machine.
                "-c", "fsync=off",
                "-c", "synchronous_commit=off",
                "-c", "full_page_writes=off");
        run(Duration.ofMinutes(2), binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-l", logFile.toString(),
                "-o", options, "-w", "-t", "60", "start");
        if (!shutdownHookRegistered) {
            Runtime.getRuntime().addShutdownHook(new Thread(this::stopServerQuietly, "stop-postgres-" + port));
            shutdownHookRegistered = true;
        }
    }

    private void stopServer(String mode) {
        if (!Files.exists(dataDir.resolve("postmaster.pid"))) {
            return;
        }
        run(Duration.ofMinutes(2), binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", mode, "-w", "-t", "60", "stop");
    }

    private void stopServerQuietly() {
        try {
            stopServer("immediate");
        } catch (RuntimeException ignored) {
            // JVM shutdown: best effort
        }
    }

    private void run(Duration timeout, String... command) {
        List<String> full = new ArrayList<>();
        osUser.ifPresent(user -> full.addAll(List.of("runuser", "-u", user, "--")));
        full.addAll(List.of(command));
        try {
            Path output = Files.createTempFile("pg-cmd", ".log");
            Process process = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(output.toFile())
                    .directory(baseDir.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("Timed out: " + String.join(" ", full));
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            Files.deleteIfExists(output);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("Failed (exit " + process.exitValue() + "): " + String.join(" ", full) + "\n" + printed
                        + (Files.exists(logFile) ? "\nserver log:\n" + Files.readString(logFile) : ""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + String.join(" ", full), e);
        }
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** PG_BIN, else the newest /usr/lib/postgresql/N/bin, else whatever pg_ctl is on the PATH. */
    static Path findBinaries() {
        String explicit = System.getProperty("strangler.pg.bin", System.getenv("PG_BIN"));
        if (explicit != null) {
            return Path.of(explicit);
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                Optional<Path> newest = versions.map(v -> v.resolve("bin"))
                        .filter(bin -> Files.isExecutable(bin.resolve("pg_ctl")))
                        .max(Comparator.comparingInt(bin -> parseVersion(bin.getParent().getFileName().toString())));
                if (newest.isPresent()) {
                    return newest.get();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "pg_ctl"))) {
                return Path.of(dir);
            }
        }
        throw new IllegalStateException("PostgreSQL server binaries not found: install them (apt-get install -y postgresql) or set PG_BIN");
    }

    private static int parseVersion(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
