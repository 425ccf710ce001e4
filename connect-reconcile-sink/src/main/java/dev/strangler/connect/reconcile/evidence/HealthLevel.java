package dev.strangler.connect.reconcile.evidence;

/** How worrying the current mismatch rate is; published as a gauge (0, 1, 2) and logged on every change. */
public enum HealthLevel {
    OK,
    WARNING,
    INCIDENT
}
