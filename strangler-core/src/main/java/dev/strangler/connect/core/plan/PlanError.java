package dev.strangler.connect.core.plan;

/**
 * One problem in a plan document, located by its path inside the document, e.g.
 * {@code scopes[2].effective[0].from: not an ISO-8601 instant}.
 */
public record PlanError(String path, String message) {

    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
