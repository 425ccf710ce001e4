package dev.strangler.connect.reconcile;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.strangler.connect.core.metrics.PluginMetricsRecorder;
import dev.strangler.connect.reconcile.evidence.Finding;
import dev.strangler.connect.reconcile.repair.RepairRequests;

/**
 * Where confirmed findings go besides the results table (which the checks write in the transaction that confirms
 * them): the mismatch topic (the worker's dead-letter topic, through the errant record reporter) and the repair
 * hook. Stream findings and state-level findings take the same way, on the task's thread, since the reporter may
 * only be used from {@code put()}.
 */
final class FindingOutputs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FindingOutputs.class);

    private final ErrantRecordReporter mismatchTopic;
    private final Optional<RepairRequests> repair;
    private final Predicate<Finding> repairAllowed;
    private final PluginMetricsRecorder.Counter repairsRequested;
    private final PluginMetricsRecorder.Counter repairRequests;

    /**
     * @param mismatchTopic the reporter, or null when findings are not reported to the mismatch topic
     * @param repairAllowed whether the migration plan lets a finding be repaired automatically
     */
    FindingOutputs(ErrantRecordReporter mismatchTopic, Optional<RepairRequests> repair, Predicate<Finding> repairAllowed,
                   PluginMetricsRecorder metrics) {
        this.mismatchTopic = mismatchTopic;
        this.repair = repair;
        this.repairAllowed = repairAllowed;
        this.repairsRequested = metrics.counter("findings-repair-requested", "Confirmed findings whose repair was requested");
        this.repairRequests = metrics.counter("repair-requests", "Repair requests made (signals inserted or records sent)");
    }

    boolean reportsToMismatchTopic() {
        return mismatchTopic != null;
    }

    void publish(List<Finding> findings) throws SQLException {
        if (findings.isEmpty()) {
            return;
        }
        if (mismatchTopic != null) {
            for (Finding finding : findings) {
                mismatchTopic.report(FindingRecords.toRecord(finding), new ConfirmedFindingException(finding.summary()));
            }
        }
        if (repair.isPresent()) {
            List<Finding> repairable = findings.stream().filter(repairAllowed).toList();
            if (!repairable.isEmpty()) {
                int requests = repair.get().request(repairable);
                repairsRequested.add(repairable.size());
                repairRequests.add(requests);
                LOG.info("Requested repair of {} findings of {} ({} requests to {})", repairable.size(),
                        repairable.get(0).scope(), requests, repair.get().destination());
            }
        }
    }

    @Override
    public void close() {
        repair.ifPresent(RepairRequests::close);
    }
}
