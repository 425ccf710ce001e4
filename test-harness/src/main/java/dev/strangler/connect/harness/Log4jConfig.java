package dev.strangler.connect.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A log4j2 configuration for a child JVM: INFO to its log file, noisy Kafka internals at WARN. */
final class Log4jConfig {

    private Log4jConfig() {
    }

    static Path write(Path dir, String name, Path logFile) {
        String config = String.join("\n",
                "status = warn",
                "appender.file.type = File",
                "appender.file.name = FILE",
                "appender.file.fileName = " + logFile.toAbsolutePath(),
                "appender.file.layout.type = PatternLayout",
                "appender.file.layout.pattern = [%d] %p %m (%c{1})%n",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.file.ref = FILE",
                "logger.kafka.name = kafka",
                "logger.kafka.level = WARN",
                "logger.state.name = state.change.logger",
                "logger.state.level = WARN",
                "logger.clients.name = org.apache.kafka.clients",
                "logger.clients.level = WARN",
                "logger.raft.name = org.apache.kafka.raft",
                "logger.raft.level = WARN",
                "logger.storage.name = org.apache.kafka.storage",
                "logger.storage.level = WARN",
                "logger.reflections.name = org.reflections",
                "logger.reflections.level = ERROR",
                "");
        Path file = dir.resolve(name + "-log4j2.properties");
        try {
            Files.createDirectories(dir);
            Files.writeString(file, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
