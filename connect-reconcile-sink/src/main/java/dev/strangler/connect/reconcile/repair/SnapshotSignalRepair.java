package dev.strangler.connect.reconcile.repair;

import java.sql.SQLException;
import java.util.List;

import dev.strangler.connect.reconcile.compare.Outcome;
import dev.strangler.connect.reconcile.evidence.Finding;
import dev.strangler.connect.reconcile.stream.DatabaseSession;

/**
 * Repair through Debezium: one {@code execute-snapshot} signal for the keys of a batch of findings, so the source
 * connector re-emits the current source rows. A row missing in the source has nothing to re-emit, so its finding
 * gets no signal (a repair topic's consumer can still delete the target row).
 */
public final class SnapshotSignalRepair implements RepairRequests {

    private final SignalTable signals;
    private final DatabaseSession source;

    public SnapshotSignalRepair(SignalTable signals, DatabaseSession source) {
        this.signals = signals;
        this.source = source;
    }

    @Override
    public int request(List<Finding> findings) throws SQLException {
        List<List<Object>> keys = findings.stream().filter(f -> f.kind() != Outcome.MISSING_IN_SOURCE).map(Finding::keyValues).toList();
        if (keys.isEmpty()) {
            return 0;
        }
        try {
            signals.requestSnapshot(source.get(), keys);
        } catch (SQLException e) {
            source.reset();
            throw e;
        }
        return 1;
    }

    @Override
    public String destination() {
        return "signal table " + signals.table();
    }

    @Override
    public void close() {
        source.close();
    }
}
