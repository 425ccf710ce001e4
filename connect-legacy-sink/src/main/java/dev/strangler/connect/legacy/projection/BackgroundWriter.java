package dev.strangler.connect.legacy.projection;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.strangler.connect.legacy.write.LegacyWriteException;

/**
 * Writes prepared batches on one background thread so the task converts and projects the next batch while the
 * database commits the previous one: without it a task's throughput is bounded by conversion time plus
 * transaction time, one after the other (see BENCHMARKS.md, legacy).
 *
 * <p>At most one batch is in flight: {@link #submit} refuses a second one until the first is done. Batches are
 * therefore written in record order, a batch's rows never race another batch's, and the writer's one connection
 * is used by one thread at a time. What the write did is learnt only through {@link #await}; the caller decides
 * when a batch counts as written (its offsets may be committed only then).
 */
public final class BackgroundWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundWriter.class);

    private final LegacyProjection projection;
    private final ExecutorService thread;
    private CompletableFuture<ProjectionBatchOutcome> inFlight;

    /**
     * @param threadName names the writer thread in thread dumps and logs (connector and task)
     */
    public BackgroundWriter(LegacyProjection projection, String threadName) {
        this.projection = Objects.requireNonNull(projection, "projection");
        this.thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread writer = new Thread(runnable, threadName);
            writer.setDaemon(true);
            return writer;
        });
    }

    /**
     * Starts writing a batch.
     *
     * @throws IllegalStateException when the previous batch is still being written
     */
    public synchronized CompletableFuture<ProjectionBatchOutcome> submit(PreparedBatch batch) {
        if (inFlight != null && !inFlight.isDone()) {
            throw new IllegalStateException("A batch is still being written; await it before submitting the next");
        }
        inFlight = CompletableFuture.supplyAsync(() -> {
            try {
                return projection.write(batch);
            } catch (LegacyWriteException | ProjectionHaltedException e) {
                throw new CompletionException(e);
            }
        }, thread);
        return inFlight;
    }

    /**
     * Waits for a submitted batch.
     *
     * @throws LegacyWriteException      a transient database failure: nothing of the batch was committed
     * @throws ProjectionHaltedException the batch cannot be written and must not be skipped, or the wait was
     *                                   interrupted (the worker is cancelling the task): its outcome is unknown
     */
    public static ProjectionBatchOutcome await(CompletableFuture<ProjectionBatchOutcome> write)
            throws LegacyWriteException, ProjectionHaltedException {
        try {
            return write.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProjectionHaltedException("Interrupted while waiting for a batch write; its outcome is unknown", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LegacyWriteException refused) {
                throw refused;
            }
            if (cause instanceof ProjectionHaltedException halted) {
                throw halted;
            }
            throw new ProjectionHaltedException("Writing a batch failed unexpectedly: " + cause, cause);
        }
    }

    /** Lets a batch in flight finish (its outcome is dropped: its offsets were never reported), then closes the connection. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("A batch write did not finish within 30 s of stopping; closing the connection under it");
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
        projection.close();
    }
}
