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

/** Runs one of Kafka's command-line tools (from the Kafka jars, in its own JVM) and returns what it printed. */
public final class KafkaTool {

    private KafkaTool() {
    }

    /** The tool's standard output; standard error is attached to the failure when the tool exits non-zero. */
    public static String run(String mainClass, List<String> args, Duration timeout) {
        List<String> command = new ArrayList<>(List.of(HarnessLayout.javaExecutable(), "-Xmx512m", "-cp", HarnessLayout.kafkaClassPath(), mainClass));
        command.addAll(args);
        try {
            Path out = Files.createTempFile("kafka-tool", ".out");
            Path err = Files.createTempFile("kafka-tool", ".err");
            try {
                Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(mainClass + " did not finish within " + timeout);
                }
                String printed = Files.readString(out, StandardCharsets.UTF_8);
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(mainClass + " exited " + process.exitValue() + ":\n" + printed + "\n"
                            + Files.readString(err, StandardCharsets.UTF_8));
                }
                return printed;
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted running " + mainClass, e);
        }
    }
}
