package dev.strangler.connect.harness;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes. The harness never sleeps for a fixed time to synchronise. */
public final class Await {

    private static final long POLL_MILLIS = 100;

    private Await() {
    }

    /** @throws AssertionError naming {@code description} when the deadline passes first */
    public static void until(String description, Duration timeout, BooleanSupplier condition) {
        value(description, timeout, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    /**
     * Polls until {@code probe} yields a value. Exceptions from the probe count as "not yet" (a server still
     * starting refuses connections); the last one is attached to the failure.
     */
    public static <T> T value(String description, Duration timeout, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException lastFailure = null;
        while (true) {
            try {
                Optional<T> result = probe.get();
                if (result.isPresent()) {
                    return result.get();
                }
            } catch (RuntimeException e) {
                lastFailure = e;
            }
            if (System.nanoTime() > deadline) {
                AssertionError error = new AssertionError("Timed out after " + timeout + " waiting for: " + description);
                if (lastFailure != null) {
                    error.initCause(lastFailure);
                }
                throw error;
            }
            try {
                Thread.sleep(POLL_MILLIS); // poll interval, not synchronisation: the condition decides
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for: " + description, e);
            }
        }
    }
}
