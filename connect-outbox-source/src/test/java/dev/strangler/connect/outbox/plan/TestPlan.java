package dev.strangler.connect.outbox.plan;

import dev.strangler.connect.core.plan.MigrationPlan;

/**
 * A small plan: AUTO endorsements in DE move to the service on 2027-02-01; everything else stays with legacy. Public: the
 * outbox tests of every package share it.
 */
public final class TestPlan {

    public static final String YAML = """
            version: 1
            entities:
              endorsement:
                fields: [product_line, country]
            scopes:
              - name: endorsements
                entity: endorsement
                effective:
                  - from: 2027-01-01T00:00:00Z
                    phase: mirror
                    system-of-record: legacy
                    write-authority: legacy
                    publisher: legacy
                    conflict: legacy-wins
              - name: auto-de
                entity: endorsement
                where:
                  product_line: AUTO
                  country: DE
                effective:
                  - from: 2027-01-01T00:00:00Z
                    phase: mirror
                    system-of-record: legacy
                    write-authority: legacy
                    publisher: legacy
                    conflict: legacy-wins
                  - from: 2027-02-01T00:00:00Z
                    phase: partial-extraction
                    write-authority: service
                    publisher: service
                    conflict: manual-review
            """;

    public static final MigrationPlan PLAN = MigrationPlan.parse(YAML);

    private TestPlan() {
    }
}
