package dev.strangler.connect.reconcile.evidence;

/** Which check produced a finding: one record against its counterpart, or a state-level scan of two tables. */
public enum CheckLevel {
    RECORD,
    STATE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
