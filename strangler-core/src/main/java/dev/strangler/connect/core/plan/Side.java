package dev.strangler.connect.core.plan;

/** The two systems of a strangler migration: the monolith being retired and the service extracted from it. */
public enum Side {
    LEGACY,
    SERVICE
}
