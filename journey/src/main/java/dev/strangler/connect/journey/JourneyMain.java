package dev.strangler.connect.journey;

import java.nio.file.Path;
import java.time.Duration;

import dev.strangler.connect.harness.ConnectWorker;
import dev.strangler.connect.harness.LocalStack;
import dev.strangler.connect.journey.examples.ConfigExamples;

/**
 * Runs the endorsement migration end to end on a fresh local stack (no Docker) and prints the migration report.
 * Options: {@code --dir DIR} (stack directory, default {@code local-stack-journey}), {@code --step-seconds N}
 * (time between the compressed plan's cutovers, default 45). Exits non-zero when a phase was not as expected.
 */
public final class JourneyMain {

    private JourneyMain() {
    }

    public static void main(String[] args) {
        Path dir = Path.of("local-stack-journey");
        Duration step = Duration.ofSeconds(45); // as the end-to-end IT, which proves it is enough
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(args[++i]);
                case "--step-seconds" -> step = Duration.ofSeconds(Long.parseLong(args[++i]));
                default -> throw new IllegalArgumentException("Unknown option " + args[i] + " (use --dir DIR, --step-seconds N)");
            }
        }
        ConfigExamples examples = ConfigExamples.find(Path.of(""));
        System.out.println("Starting the local stack in " + dir.toAbsolutePath() + " ...");
        MigrationReport report;
        try (LocalStack stack = LocalStack.start(dir.toAbsolutePath(), new ConnectWorker.Options().exactlyOnceSource(true))) {
            stack.printEndpoints(System.out);
            report = new Journey(stack, examples, "journey", step, System.out).run();
        }
        report.print(System.out);
        System.exit(report.asExpected() ? 0 : 1);
    }
}
