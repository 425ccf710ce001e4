package dev.strangler.connect.core.plan.testing;

/**
 * Plan documents shared by the plan tests here and, through strangler-core's test-jar, by the plugins' tests that
 * need the same migration of endorsements.
 */
public final class PlanFixtures {

    private PlanFixtures() {
    }

    public static final String HEADER = """
            version: 1
            name: endorsement-test
            entities:
              endorsement:
                fields: [product_line, country, endorsement_type, amount]
            """;

    public static final String CATCH_ALL = """
              - name: endorsements
                entity: endorsement
                effective:
                  - from: 2026-01-01T00:00:00Z
                    phase: mirror
                    system-of-record: legacy
                    write-authority: legacy
                    publisher: legacy
                    conflict: legacy-wins
            """;

    /**
     * Catch-all in phase 1 from January; AUTO in DE gets its own scope (still phase 1) mid-January; address changes
     * of AUTO in DE move to the service in February (phase 2) and shift write ownership in March (phase 3).
     */
    public static final String PLAN = HEADER + "scopes:\n" + CATCH_ALL + """
              - name: auto-de
                entity: endorsement
                where: {product_line: AUTO, country: [DE]}
                effective:
                  - from: 2026-01-15T00:00:00Z
                    phase: 1
                    system-of-record: legacy
                    write-authority: legacy
                    publisher: legacy
                    conflict: legacy-wins
              - name: auto-de-address
                entity: endorsement
                where:
                  product_line: AUTO
                  country: DE
                  endorsement_type: {prefix: ADDR}
                effective:
                  - from: 2026-02-01T00:00:00Z
                    phase: partial-extraction
                    system-of-record: legacy
                    write-authority: service
                    publisher: service
                    conflict: manual-review
                  - from: 2026-03-01T00:00:00+01:00
                    phase: write-ownership-shifted
                    conflict: service-wins
            """;

    /** {@link #HEADER}, the catch-all, and {@code extraScopes} (list items indented like {@link #CATCH_ALL}). */
    public static String withScopes(String extraScopes) {
        return HEADER + "scopes:\n" + CATCH_ALL + extraScopes;
    }
}
