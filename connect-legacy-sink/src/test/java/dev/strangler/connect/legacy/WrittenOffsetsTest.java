package dev.strangler.connect.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

/** Which offsets the task may let the framework commit while writes and dead-letter reports complete behind it. */
class WrittenOffsetsTest {

    private static final TopicPartition P0 = new TopicPartition("events", 0);
    private static final TopicPartition P1 = new TopicPartition("events", 1);

    private final WrittenOffsets offsets = new WrittenOffsets();

    @Test
    void nothingIsCommittableBeforeABatchIsWritten() {
        assertThat(offsets.committable(Set.of(P0, P1))).isEmpty();
    }

    @Test
    void writtenBatchesAdvanceTheirPartitionsOnly() {
        offsets.written(Map.of(P0, 500L), List.of());
        offsets.written(Map.of(P0, 1000L, P1, 20L), List.of());

        assertThat(offsets.committable(Set.of(P0, P1))).isEqualTo(Map.of(P0, new OffsetAndMetadata(1000), P1, new OffsetAndMetadata(20)));
        assertThat(offsets.committable(Set.of(P1))).isEqualTo(Map.of(P1, new OffsetAndMetadata(20)));
    }

    @Test
    void aBatchWithDeadLetterReportsWaitsForThemAndSoDoTheBatchesAfterIt() {
        CompletableFuture<Void> report = new CompletableFuture<>();
        offsets.written(Map.of(P0, 500L), List.of());
        offsets.written(Map.of(P0, 1000L), List.of(report));
        offsets.written(Map.of(P0, 1500L), List.of());

        CompletableFuture<Map<TopicPartition, OffsetAndMetadata>> committable =
                CompletableFuture.supplyAsync(() -> offsets.committable(Set.of(P0)));
        assertThat(committable).isNotDone();
        report.complete(null);

        assertThat(committable.join()).isEqualTo(Map.of(P0, new OffsetAndMetadata(1500)));
    }

    @Test
    void aFailedDeadLetterReportKeepsItsBatchAndTheLaterOnesUncommitted() {
        offsets.written(Map.of(P0, 500L), List.of());
        offsets.written(Map.of(P0, 1000L), List.of(CompletableFuture.failedFuture(new IllegalStateException("broker down"))));
        offsets.written(Map.of(P0, 1500L), List.of());

        assertThatThrownBy(() -> offsets.committable(Set.of(P0))).isInstanceOf(ConnectException.class)
                .hasMessageContaining("dead-letter queue did not acknowledge");
        // The framework rewinds to its last commit and delivers those batches again; only what was confirmed stays.
        assertThat(offsets.committable(Set.of(P0))).isEqualTo(Map.of(P0, new OffsetAndMetadata(500)));
    }

    @Test
    void closedPartitionsAreForgotten() {
        offsets.written(Map.of(P0, 500L, P1, 7L), List.of());
        offsets.written(Map.of(P0, 900L, P1, 9L), List.of(CompletableFuture.completedFuture(null)));

        offsets.forget(List.of(P1));

        assertThat(offsets.committable(Set.of(P0, P1))).isEqualTo(Map.of(P0, new OffsetAndMetadata(900)));
    }
}
