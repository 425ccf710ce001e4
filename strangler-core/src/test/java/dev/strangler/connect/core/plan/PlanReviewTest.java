package dev.strangler.connect.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanReviewTest {

    private static final String EXAMPLE = EndorsementMigrationExampleTest.EXAMPLE.toString();

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private String stdin = "";

    private int run(String... args) {
        return new PlanReview(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void checkReportsAValidPlan() {
        assertThat(run("check", EXAMPLE)).isZero();
        assertThat(out()).isEqualTo(EXAMPLE + ": valid, 4 scopes over 2 entities\n");
    }

    @Test
    void checkListsEveryProblemWithItsPathAndFails() throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.yaml"), Files.readString(Path.of(EXAMPLE))
                .replace("from: 2027-03-01T00:00:00+01:00", "from: 1 March")
                .replace("phase: reads-retired", "phase: reads-retired\n        publisher: legacy"));

        assertThat(run("check", broken.toString())).isEqualTo(PlanReview.INVALID_PLAN);
        assertThat(err()).isEqualTo(broken + ": invalid plan\n"
                + "  scopes[2].effective[2].from: not an ISO-8601 instant with a UTC offset (e.g. 2026-03-01T00:00:00Z): '1 March'\n"
                + "  scopes[2].effective[3].publisher: legacy contradicts phase 4 (reads-retired): publisher must be service"
                + " (from phase 4 on consumers read the service)\n"
                // the next entry inherits the wrong publisher, and says so
                + "  scopes[2].effective[4].publisher: legacy contradicts phase 5 (decommissioned): publisher must be service"
                + " (from phase 4 on consumers read the service)\n");
    }

    @Test
    void tablePrintsEveryScopeInForceAtTheGivenTime() {
        assertThat(run("table", EXAMPLE, "--at", "2027-03-15T00:00:00Z")).isZero();

        assertThat(out()).isEqualTo("""
                Authority at 2027-03-15T00:00:00Z (plan endorsement-migration)
                SCOPE                    ENTITY       WHERE                                                                            PHASE                      SYSTEM OF RECORD  WRITE AUTHORITY  PUBLISHER  CONFLICT      SINCE
                endorsements             endorsement  (all records)                                                                    1 mirror                   legacy            legacy           legacy     legacy-wins   2027-01-04T00:00:00Z
                policies                 policy       (all records)                                                                    1 mirror                   legacy            legacy           legacy     legacy-wins   2027-01-04T00:00:00Z
                auto-de-address-changes  endorsement  country = DE and endorsement_type starts with ADDR and product_line = AUTO       3 write-ownership-shifted  legacy            service          service    service-wins  2027-02-28T23:00:00Z
                auto-de-vehicle-changes  endorsement  country = DE and endorsement_type in (VEH_ADD, VEH_CHG) and product_line = AUTO  1 mirror                   legacy            legacy           legacy     legacy-wins   2027-01-04T00:00:00Z
                Next change: 2027-03-31T22:00:00Z (auto-de-vehicle-changes)
                """);
    }

    @Test
    void tableNamesScopesNotYetInForce() {
        Path plan = Path.of(EXAMPLE);
        assertThat(run("table", plan.toString(), "--at", "2026-12-31T00:00:00Z")).isZero();
        assertThat(out()).contains("Not yet in force: endorsements (from 2027-01-04T00:00:00Z), policies (from 2027-01-04T00:00:00Z)");
    }

    @Test
    void diffShowsWhatChangesForWhichScopeAndWhen() throws IOException {
        // The change under review: write ownership of address changes shifts two weeks later, vehicle changes are
        // postponed (no partial extraction, straight to phase 3 in July), and claims enter the plan.
        String changed = Files.readString(Path.of(EXAMPLE))
                .replace("from: 2027-03-01T00:00:00+01:00", "from: 2027-03-15T00:00:00+01:00")
                .replace("""
                              - from: 2027-04-01T00:00:00+02:00
                                phase: partial-extraction
                                write-authority: service
                                publisher: service
                                conflict: manual-review
                              - from: 2027-06-01T00:00:00+02:00
                                phase: write-ownership-shifted
                                conflict: service-wins
                        """, """
                              - from: 2027-07-01T00:00:00+02:00
                                phase: write-ownership-shifted
                                write-authority: service
                                publisher: service
                                conflict: service-wins
                        """);
        Path next = Files.writeString(dir.resolve("next.yaml"), changed);
        stdin = Files.readString(Path.of(EXAMPLE));

        assertThat(run("diff", "-", next.toString())).isZero();

        assertThat(out()).isEqualTo("Changes from - to " + next + " (event time):\n" + """
                scope auto-de-address-changes:
                  from 2027-02-28T23:00:00Z until 2027-03-14T23:00:00Z: phase 3 write-ownership-shifted -> 2 partial-extraction, conflict service-wins -> manual-review
                scope auto-de-vehicle-changes:
                  from 2027-03-31T22:00:00Z until 2027-05-31T22:00:00Z: phase 2 partial-extraction -> 1 mirror, write-authority service -> legacy, publisher service -> legacy, conflict manual-review -> legacy-wins
                  from 2027-05-31T22:00:00Z until 2027-06-30T22:00:00Z: phase 3 write-ownership-shifted -> 1 mirror, write-authority service -> legacy, publisher service -> legacy, conflict service-wins -> legacy-wins
                """);
    }

    @Test
    void diffOfAPlanWithItselfSaysNothingChanges() {
        assertThat(run("diff", EXAMPLE, EXAMPLE)).isZero();
        assertThat(out()).endsWith("No change in authority.\n");
    }

    @Test
    void diffReportsNewAndRemovedScopes() throws IOException {
        String original = Files.readString(Path.of(EXAMPLE));
        int vehicle = original.indexOf("  # The second slice");
        Path without = Files.writeString(dir.resolve("without.yaml"), original.substring(0, vehicle));

        assertThat(run("diff", without.toString(), EXAMPLE)).isZero();
        assertThat(out()).contains("scope auto-de-vehicle-changes:\n"
                + "  from 2027-01-04T00:00:00Z until 2027-03-31T22:00:00Z: new: phase 1 mirror, system-of-record legacy,"
                + " write-authority legacy, publisher legacy, conflict legacy-wins\n");
        out.reset();
        assertThat(run("diff", EXAMPLE, without.toString())).isZero();
        assertThat(out()).contains("  from 2027-05-31T22:00:00Z on: removed (was phase 3 write-ownership-shifted");
    }

    @Test
    void reviewScriptRunsThisCommand() throws IOException {
        Path script = Path.of("../bin/plan-review");
        assertThat(script).isExecutable();
        assertThat(Files.readString(script)).contains(" " + PlanReview.class.getName() + " \"$@\"");
    }

    @Test
    void wrongUsageExplainsItself() {
        assertThat(run()).isEqualTo(PlanReview.USAGE);
        assertThat(run("table", EXAMPLE, "--at", "tomorrow")).isEqualTo(PlanReview.USAGE);
        assertThat(err()).contains("'tomorrow' is not an ISO-8601 instant").contains("Usage:");
        assertThat(run("diff", EXAMPLE)).isEqualTo(PlanReview.USAGE);
        assertThat(run("check", dir.resolve("missing.yaml").toString())).isEqualTo(PlanReview.USAGE);
        assertThat(err()).contains("cannot read");
    }
}
