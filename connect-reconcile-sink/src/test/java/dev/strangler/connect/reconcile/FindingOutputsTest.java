package dev.strangler.connect.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import dev.strangler.connect.core.metrics.PluginMetricsRecorder;
import dev.strangler.connect.reconcile.compare.Outcome;
import dev.strangler.connect.reconcile.evidence.CheckLevel;
import dev.strangler.connect.reconcile.evidence.Finding;
import dev.strangler.connect.reconcile.repair.RepairRequests;

class FindingOutputsTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private final PluginMetricsRecorder metrics = PluginMetricsRecorder.detached();

    /** The worker's reporter as the task sees it: records and their reasons, in order. */
    private static final class ReportedRecords implements ErrantRecordReporter {
        final List<SinkRecord> records = new ArrayList<>();
        final List<Throwable> reasons = new ArrayList<>();

        @Override
        public Future<Void> report(SinkRecord record, Throwable error) {
            records.add(record);
            reasons.add(error);
            return CompletableFuture.completedFuture(null);
        }
    }

    private static final class RequestedRepairs implements RepairRequests {
        final List<Finding> requested = new ArrayList<>();

        @Override
        public int request(List<Finding> findings) {
            requested.addAll(findings);
            return findings.size();
        }

        @Override
        public String destination() {
            return "memory";
        }

        @Override
        public void close() {
        }
    }

    private static Finding finding(String key, CheckLevel level) {
        return new Finding("run", "reconcile-policy", "policy", level, Outcome.MISMATCH,
                level == CheckLevel.STATE ? "range-checksum" : "field-compare", key, List.of(Long.parseLong(key)),
                Map.of(), Map.of(), List.of(), null, null, null, NOW, NOW);
    }

    @Test
    void streamAndStateFindingsGoToTheMismatchTopicAndTheRepairHookAlike() throws Exception {
        ReportedRecords mismatchTopic = new ReportedRecords();
        RequestedRepairs repairs = new RequestedRepairs();
        FindingOutputs outputs = new FindingOutputs(mismatchTopic, Optional.of(repairs), f -> true, metrics);

        outputs.publish(List.of(finding("7", CheckLevel.RECORD), finding("15", CheckLevel.STATE)));

        assertThat(mismatchTopic.records).extracting(SinkRecord::key).containsExactly("7", "15");
        assertThat(mismatchTopic.reasons).allSatisfy(r -> assertThat(r).isInstanceOf(ConfirmedFindingException.class));
        assertThat(repairs.requested).extracting(Finding::rowKey).containsExactly("7", "15");
    }

    @Test
    void onlyFindingsThePlanLetsBeRepairedAreRequestedButAllAreReported() throws Exception {
        ReportedRecords mismatchTopic = new ReportedRecords();
        RequestedRepairs repairs = new RequestedRepairs();
        FindingOutputs outputs = new FindingOutputs(mismatchTopic, Optional.of(repairs), f -> f.rowKey().equals("7"), metrics);

        outputs.publish(List.of(finding("7", CheckLevel.RECORD), finding("15", CheckLevel.STATE)));

        assertThat(mismatchTopic.records).hasSize(2);
        assertThat(repairs.requested).extracting(Finding::rowKey).containsExactly("7");
        assertThat(metrics.counter("findings-repair-requested", "").count()).isEqualTo(1);
    }

    @Test
    void withoutAMismatchTopicFindingsAreOnlyRepaired() throws Exception {
        RequestedRepairs repairs = new RequestedRepairs();
        FindingOutputs outputs = new FindingOutputs(null, Optional.of(repairs), f -> true, metrics);

        outputs.publish(List.of(finding("15", CheckLevel.STATE)));

        assertThat(outputs.reportsToMismatchTopic()).isFalse();
        assertThat(repairs.requested).hasSize(1);
    }
}
