package dev.strangler.connect.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server process the harness started (Kafka broker, Connect worker, registry), with its output in a log file.
 * It is stopped by {@link #stop} and, should a test JVM die first, by a shutdown hook, so no process outlives its
 * test run.
 */
final class ChildProcess {

    private final String name;
    private final List<String> command;
    private final Path logFile;
    private Process process;
    private Thread shutdownHook;

    ChildProcess(String name, List<String> command, Path logFile) {
        this.name = name;
        this.command = List.copyOf(command);
        this.logFile = logFile;
    }

    /** A JVM on this JDK running {@code mainClass} with the given class path. */
    static ChildProcess java(String name, String classPath, List<String> jvmOptions, String mainClass, List<String> args, Path logFile) {
        List<String> command = new ArrayList<>();
        command.add(HarnessLayout.javaExecutable());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(args);
        return new ChildProcess(name, command, logFile);
    }

    synchronized void start() {
        if (isAlive()) {
            return;
        }
        try {
            Files.createDirectories(logFile.getParent());
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name, e);
        }
        Process started = process;
        shutdownHook = new Thread(() -> started.destroyForcibly(), "stop-" + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Graceful stop (SIGTERM, as an operator's rolling restart), forced after {@code grace}. */
    synchronized void stop(Duration grace) {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        removeHook();
        process = null;
    }

    /** Abrupt stop (SIGKILL), as a crashed machine. */
    synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        removeHook();
        process = null;
    }

    /** Fails fast with the log tail when the process died while we were waiting for it. */
    void ensureAlive() {
        if (!isAlive()) {
            throw new IllegalStateException(name + " exited; last lines of " + logFile + ":\n" + logTail(40));
        }
    }

    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    Path logFile() {
        return logFile;
    }

    private void removeHook() {
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running or has run: nothing to remove
            }
            shutdownHook = null;
        }
    }
}
