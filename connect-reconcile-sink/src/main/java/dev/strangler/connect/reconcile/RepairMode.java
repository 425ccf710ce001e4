package dev.strangler.connect.reconcile;

/** What the connector does for each batch of confirmed findings, besides recording them. */
public enum RepairMode {
    /** Record evidence only; repairs are an operator's decision. */
    NONE,
    /** Insert a Debezium {@code execute-snapshot} signal for the keys, so the source re-emits the current rows. */
    DEBEZIUM_SIGNAL,
    /** Send one repair request record per confirmed finding to a Kafka topic, for a repair service to act on. */
    TOPIC
}
