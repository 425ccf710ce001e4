package dev.strangler.connect.harness;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The README's run command: starts the local stack, prints its endpoints and the plugins the worker found, then
 * runs until interrupted. {@code --check} stops right after printing, which proves the stack comes up.
 */
public final class LocalStackMain {

    private LocalStackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dir = Path.of("local-stack");
        boolean checkOnly = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(args[++i]);
                case "--check" -> checkOnly = true;
                default -> throw new IllegalArgumentException("Unknown option " + args[i] + " (use --dir DIR, --check)");
            }
        }
        System.out.println("Starting the strangler-connect local stack in " + dir.toAbsolutePath() + " ...");
        LocalStack stack = LocalStack.start(dir.toAbsolutePath(), new ConnectWorker.Options().exactlyOnceSource(true));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the local stack ...");
            stack.close();
            stopped.countDown();
        }, "stop-local-stack"));
        stack.registry(); // the demo stack includes the registry; tests start it only when they need it

        stack.printEndpoints(System.out);
        System.out.println("Plugins on the worker's plugin.path:");
        JsonNode plugins = stack.connect().get("/connector-plugins?connectorsOnly=false");
        for (JsonNode plugin : plugins) {
            String className = plugin.path("class").asText();
            if (className.startsWith("dev.strangler.") || className.startsWith("io.debezium.connector.")
                    || className.startsWith("io.apicurio.")) {
                System.out.printf("  %-14s %-70s %s%n", plugin.path("type").asText(), className, plugin.path("version").asText());
            }
        }
        System.out.println();
        if (checkOnly) {
            return; // the shutdown hook stops the stack
        }
        System.out.println("Try: curl -s " + stack.connect().restUrl() + "/connector-plugins | head   (Ctrl-C stops the stack)");
        stopped.await();
    }
}
