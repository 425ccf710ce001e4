package dev.strangler.connect.reconcile.repair;

import java.sql.SQLException;
import java.util.List;

import dev.strangler.connect.reconcile.evidence.Finding;

/**
 * The optional repair hook: what the connector does with confirmed findings, besides recording them, so that the
 * diverged target rows get corrected by the migration's own pipeline (a re-read of the source rows) or by whoever
 * consumes the repair requests. Called on the task's thread, with findings already recorded in the results table.
 */
public interface RepairRequests extends AutoCloseable {

    /**
     * Requests the repair of these findings (stream and state-level ones alike).
     *
     * @return how many repair requests were made (a Debezium signal covers many keys; a topic gets one per finding)
     */
    int request(List<Finding> findings) throws SQLException;

    /** Where the requests go, for the log. */
    String destination();

    @Override
    void close();
}
