package dev.strangler.connect.legacy;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * The consumer offsets the task lets the framework commit: per partition, the offset after the last record whose
 * batch committed in the legacy database and whose dead-letter reports the broker acknowledged. With the database
 * write running behind {@code put()}, the framework's own offsets run ahead of what is written; only these may be
 * returned from {@code preCommit}.
 *
 * <p>Batches are recorded in the order they were written. A batch with dead-letter reports becomes committable
 * only when its reports are acknowledged, and so does every batch after it (offsets never skip a record).
 * Not thread-safe: the task thread only.
 */
final class WrittenOffsets {

    private record Written(Map<TopicPartition, Long> next, List<? extends Future<?>> reports) {
    }

    private final Map<TopicPartition, Long> confirmed = new HashMap<>();
    private final Deque<Written> awaitingReports = new ArrayDeque<>();

    /**
     * Records a batch whose transaction committed.
     *
     * @param nextOffsets per partition, the offset after the batch's last record
     * @param reports     the errant record reporter's futures for the batch's set-aside records
     */
    void written(Map<TopicPartition, Long> nextOffsets, List<? extends Future<?>> reports) {
        if (reports.isEmpty() && awaitingReports.isEmpty()) {
            merge(nextOffsets);
        } else {
            awaitingReports.add(new Written(new HashMap<>(nextOffsets), List.copyOf(reports)));
        }
    }

    /**
     * The offsets to commit for the given partitions; waits for outstanding dead-letter reports first.
     *
     * @throws ConnectException when a dead-letter report failed: that batch and the ones after it stay uncommitted
     *                          (and are forgotten here: the framework rewinds to the last committed offsets and
     *                          redelivers them)
     */
    Map<TopicPartition, OffsetAndMetadata> committable(Collection<TopicPartition> partitions) {
        while (!awaitingReports.isEmpty()) {
            Written head = awaitingReports.peek();
            for (Future<?> report : head.reports()) {
                try {
                    report.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ConnectException("Interrupted while waiting for the dead-letter queue to acknowledge set-aside records", e);
                } catch (ExecutionException e) {
                    awaitingReports.clear();
                    throw new ConnectException("The dead-letter queue did not acknowledge a set-aside record; the offsets of its "
                            + "batch are not committed, so the batch is delivered again", e.getCause());
                }
            }
            merge(head.next());
            awaitingReports.poll();
        }
        Map<TopicPartition, OffsetAndMetadata> committable = new HashMap<>();
        for (TopicPartition partition : partitions) {
            Long next = confirmed.get(partition);
            if (next != null) {
                committable.put(partition, new OffsetAndMetadata(next));
            }
        }
        return committable;
    }

    /** Drops what is known of partitions the task no longer owns; a later owner's offsets are not ours to report. */
    void forget(Collection<TopicPartition> partitions) {
        confirmed.keySet().removeAll(partitions);
        awaitingReports.forEach(written -> written.next().keySet().removeAll(partitions));
    }

    private void merge(Map<TopicPartition, Long> nextOffsets) {
        nextOffsets.forEach((partition, next) -> confirmed.merge(partition, next, Math::max));
    }
}
