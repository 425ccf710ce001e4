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
 * <p>Batches are written one at a time, in submission order, on the writer's one connection. {@link #submit}
 * starts a batch when nothing is being written; {@link #submitAfter} queues one behind the batch being written,
 * so the writer starts it the moment the earlier one commits instead of waiting for the task to hand it over
 * (the hand-over cost up to a tenth of the sink's time; BENCHMARKS.md, legacy). A queued batch is written only if
 * the batch before it committed: after a failure nothing newer reaches the database before the failed batch is
 * written again. What a write did is learnt only through {@link #await}; the caller decides when a batch counts
 * as written (its offsets may be committed only then).
 */
public final class BackgroundWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundWriter.class);

    private final LegacyProjection projection;
    private final ExecutorService thread;
    /** The last batch submitted. */
    private CompletableFuture<ProjectionBatchOutcome> inFlight;
    /** The write the last queued batch waits for. */
    private CompletableFuture<ProjectionBatchOutcome> queuedBehind;

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
     * @throws IllegalStateException when a batch is still being written
     */
    public synchronized CompletableFuture<ProjectionBatchOutcome> submit(PreparedBatch batch) {
        if (inFlight != null && !inFlight.isDone()) {
            throw new IllegalStateException("A batch is still being written; await it before submitting the next");
        }
        inFlight = CompletableFuture.supplyAsync(() -> write(batch), thread);
        return inFlight;
    }

    /**
     * Queues a batch behind the last one submitted, which may still be being written. The queued batch is written
     * only if that one commits; if it fails, the queued one fails with the same cause, unwritten.
     *
     * @param earlier the write returned by the last {@link #submit} or {@code submitAfter}
     * @throws IllegalStateException when {@code earlier} is not the last submitted write, or has a batch queued
     *                               behind it already: at most one batch waits
     */
    public synchronized CompletableFuture<ProjectionBatchOutcome> submitAfter(CompletableFuture<ProjectionBatchOutcome> earlier,
                                                                            PreparedBatch batch) {
        if (earlier != inFlight) {
            throw new IllegalStateException("A batch can be queued only behind the last batch submitted");
        }
        if (queuedBehind != null && !queuedBehind.isDone()) {
            throw new IllegalStateException("A batch is already waiting; await the batch being written first");
        }
        queuedBehind = earlier;
        inFlight = earlier.thenApplyAsync(written -> write(batch), thread);
        return inFlight;
    }

    private ProjectionBatchOutcome write(PreparedBatch batch) {
        try {
            return projection.write(batch);
        } catch (LegacyWriteException | ProjectionHaltedException e) {
            throw new CompletionException(e);
        }
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
