package dev.strangler.connect.journey;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import dev.strangler.connect.harness.Await;
import dev.strangler.connect.harness.LocalStack;
import dev.strangler.connect.journey.examples.ConfigExamples;
import dev.strangler.connect.journey.examples.ConnectorExample;
import dev.strangler.connect.journey.examples.Placeholders;
import dev.strangler.connect.journey.legacy.LegacyApplication;
import dev.strangler.connect.journey.legacy.LegacyApplication.LegacyAddress;
import dev.strangler.connect.journey.schema.Database;
import dev.strangler.connect.journey.schema.JourneySchemas;
import dev.strangler.connect.journey.service.Address;
import dev.strangler.connect.journey.service.EndorsementCommand;
import dev.strangler.connect.journey.service.EndorsementService;

/**
 * The endorsement migration, phase 1 to 5, on a running local stack: creates both databases, applies each phase's
 * connectors from config-examples through the Connect REST API (with the plan's calendar compressed into minutes),
 * drives the legacy application and the Endorsement service through the phase, and measures what happened.
 *
 * <p>The only departures from config-examples are the demo's: the compressed plan file, a reconciliation grace
 * period of seconds instead of 30 s and a state check of the shadow store every few seconds instead of every ten
 * minutes ({@link #DEMO_OVERRIDES}).
 */
public final class Journey {

    static final String LEGACY_EVENTS = "endorsement.legacy.events";
    static final List<String> SERVICE_EVENTS = List.of("endorsement.events.AddressEndorsement", "endorsement.events.VehicleEndorsement");
    static final String VIOLATIONS = "endorsement.authority-violations";
    private static final Duration RECONCILE_GRACE = Duration.ofSeconds(5);
    private static final Duration SETTLE_BEFORE_BATCH = RECONCILE_GRACE.plusSeconds(10);
    private static final Duration STATE_CHECK_INTERVAL = Duration.ofSeconds(10);
    static final String SHADOW_FINDINGS = "endorsement.reconcile_shadow_finding";
    /** The shadow reconciler's pending table (evidence.pending.table of endorsement-reconcile-shadow). */
    static final String SHADOW_PENDING = "endorsement.reconcile_shadow_pending";
    static final Map<String, Map<String, String>> DEMO_OVERRIDES = Map.of(
            "endorsement-reconcile-shadow", Map.of("recheck.grace.period.ms", Long.toString(RECONCILE_GRACE.toMillis()),
                    "state.check.interval.ms", Long.toString(STATE_CHECK_INTERVAL.toMillis())),
            "endorsement-reconcile-legacy-projection", Map.of("recheck.grace.period.ms", Long.toString(RECONCILE_GRACE.toMillis())));
    private static final Duration SETTLE = Duration.ofSeconds(90);
    private static final Duration MARGIN = Duration.ofSeconds(2);

    private final LocalStack stack;
    private final ConfigExamples examples;
    private final String legacyDb;
    private final String serviceDb;
    private final Duration step;
    private final PrintStream log;

    private Database legacyDatabase;
    private Database serviceDatabase;
    private LegacyApplication legacy;
    private EndorsementService service;
    private Placeholders placeholders;
    private CompressedPlan plan;
    private final Set<Long> violatingVersions = new HashSet<>();
    /** Legacy versions the nightly batch changed in a scope legacy no longer owned: violations the mirror never saw. */
    private final Set<Long> batchCorrectedVersions = new HashSet<>();
    /** Shadow rows corrupted by hand (no event tells the stream check): only the state check can find them. */
    private final Set<Long> corruptedShadowRows = new HashSet<>();
    private final Map<String, Long> counted = new LinkedHashMap<>();
    private Map<String, Long> findingsAtLastPhaseEnd = Map.of();

    public Journey(LocalStack stack, ConfigExamples examples, String databasePrefix, Duration step, PrintStream log) {
        this.stack = stack;
        this.examples = examples;
        this.legacyDb = databasePrefix + "_legacy";
        this.serviceDb = databasePrefix + "_service";
        this.step = step;
        this.log = log;
    }

    public MigrationReport run() {
        prepare();
        MigrationReport report = new MigrationReport();
        List<Instant> cutovers = plan.cutovers();
        report.add(phase("phase-1-mirror", Instant.now(), 0, this::mirror));
        report.add(phase("phase-2-partial-extraction", cutovers.get(1), 0, this::partialExtraction));
        report.add(phase("phase-3-write-ownership", cutovers.get(2), 0, actions -> writeOwnership(actions, cutovers.get(3))));
        report.add(phase("phase-4-reads-retired", cutovers.get(4), 1, this::readsRetired));
        report.add(phase("phase-5-decommissioned", cutovers.get(6), 0, this::decommissioned));
        return report;
    }

    // ------------------------------------------------------------------------------------------------ set-up

    private void prepare() {
        stack.postgres().createDatabase(legacyDb);
        stack.postgres().createDatabase(serviceDb);
        legacyDatabase = () -> stack.postgres().connect(legacyDb);
        serviceDatabase = () -> stack.postgres().connect(serviceDb);
        JourneySchemas.createLegacy(legacyDatabase);
        JourneySchemas.createService(serviceDatabase);
        legacy = new LegacyApplication(legacyDatabase);
        service = new EndorsementService(serviceDatabase);

        Instant now = Instant.now();
        try {
            String original = Files.readString(examples.planFile(), StandardCharsets.UTF_8);
            // The plan governs from an hour ago (the seed data is history); the first cutover leaves phase 1 time
            // to start its connectors and mirror the legacy book.
            plan = CompressedPlan.of(original, now.minus(Duration.ofHours(1)), now.plus(step.multipliedBy(2)), step);
            Path dir = stack.workDir().resolve("journey");
            Files.createDirectories(dir);
            Path planFile = Files.writeString(dir.resolve("endorsement-migration.yaml"), plan.document());
            Path secrets = Files.writeString(dir.resolve("secrets.properties"),
                    "legacy.password=" + stack.postgres().password() + "\nservice.password=" + stack.postgres().password() + "\n");
            Map<String, String> values = new LinkedHashMap<>();
            values.put("LEGACY_DB_HOST", stack.postgres().host());
            values.put("LEGACY_DB_PORT", Integer.toString(stack.postgres().port()));
            values.put("LEGACY_DB_NAME", legacyDb);
            values.put("LEGACY_DB_USER", stack.postgres().user());
            values.put("SERVICE_DB_HOST", stack.postgres().host());
            values.put("SERVICE_DB_PORT", Integer.toString(stack.postgres().port()));
            values.put("SERVICE_DB_NAME", serviceDb);
            values.put("SERVICE_DB_USER", stack.postgres().user());
            values.put("SECRETS_FILE", secrets.toAbsolutePath().toString());
            values.put("PLAN_FILE", planFile.toAbsolutePath().toString());
            values.put("EXAMPLES_DIR", examples.root().toString());
            values.put("REGISTRY_URL", "http://127.0.0.1:1"); // JSON converters only: no registry needed
            placeholders = Placeholders.of(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        log.println("Plan cutovers (compressed): " + plan.cutovers());
    }

    // ------------------------------------------------------------------------------------------------ phases

    /** Legacy does everything; the service mirrors. Nothing here may be a violation. */
    private void mirror(PhaseActions actions) {
        legacy.enterAddressChange("DE-A-0001002", LocalDate.now().plusDays(14),
                new LegacyAddress("Berliner Allee 5", "40212", "Düsseldorf"), "WEB-91001", "MOVE", null, "WEB");
        legacy.enterVehicleChange("DE-A-0001004", LocalDate.now().plusDays(7), "WVWZZZAUZKW000010", "AG17-0501", "AGENT17");
        legacy.postBillingAdjustment("DE-A-0001001", LocalDate.now(), "0.02");
        // Region SAX: free text, no reason code.
        legacy.enterAddressChange("DE-A-0001003", LocalDate.now().plusDays(3),
                new LegacyAddress("Bautzner Str. 20", "01099", "Dresden"), "AG17-0502", null, "Kunde umgezogen lt. Anruf", "AGENT17");
        // Retroactive, and effective before the policy was issued (2024-09-01).
        long retro = legacy.enterAddressChange("DE-A-0001007", LocalDate.of(2024, 1, 1),
                new LegacyAddress("Kaiserswerther Str. 100", "40474", "Düsseldorf"), null, "MOVE", null, "BACKOFF");
        legacy.correctAddress(retro, new LegacyAddress("Kaiserswerther Str. 110", "40474", "Düsseldorf"));
        // The injected fault of the state check: someone "fixes" a premium in the service's shadow store by hand.
        // No event carries it, so only the state-level check (legacy's table against the shadow store) can find it.
        awaitQuietly("the shadow store to catch up", this::shadowStoreCaughtUp);
        // And the stream check to have cleared what it saw before the shadow store had it: a pending re-check of the
        // row would otherwise read the hand edit and confirm it as a record-level mismatch (a race seen under load).
        awaitQuietly("the shadow reconciliation to have nothing pending", this::shadowReconciliationSettled);
        long austrian = count(serviceDatabase, "SELECT min(legacy_version_id) FROM endorsement.legacy_endorsement WHERE country = 'AT'");
        execute(serviceDatabase, "UPDATE endorsement.legacy_endorsement SET premium_delta = premium_delta + 100 WHERE legacy_version_id = "
                + austrian);
        corruptedShadowRows.add(austrian);
    }

    /** Address changes of AUTO/DE go through the service; legacy writes to them are violations from now on. */
    private void partialExtraction(PhaseActions actions) {
        actions.serviceChange(new EndorsementCommand.ChangeAddress("DE-A-0001001", "AUTO", "DE", LocalDate.now().plusDays(10),
                new Address("Dachauer Str. 40", "80335", "München"), "Umzug"), true);
        actions.serviceChange(new EndorsementCommand.ChangeAddress("DE-A-0001002", "AUTO", "DE", LocalDate.now().plusDays(20),
                new Address("Grafenberger Allee 8", "40237", "Düsseldorf"), null), true);
        actions.serviceChange(new EndorsementCommand.ChangeAddress("DE-A-0001004", "AUTO", "DE", LocalDate.now().plusDays(5),
                new Address("Wurzener Str. 3", "04315", "Leipzig"), "Umzug"), true);
        // An agent still uses the old screen for an AUTO/DE address: a violation.
        actions.legacyViolation(legacy.enterAddressChange("DE-A-0001003", LocalDate.now().plusDays(2),
                new LegacyAddress("Königsbrücker Str. 1", "01099", "Dresden"), "AG17-0601", null, "alter Bildschirm", "AGENT17"));
        // Outside the slice: Austria and home insurance stay with legacy.
        legacy.enterAddressChange("AT-A-0001006", LocalDate.now().plusDays(1), new LegacyAddress("Neubaugasse 7", "1070", "Wien"),
                "WEB-91002", "MOVE", null, "WEB");
        legacy.enterAddressChange("DE-H-0001005", LocalDate.now().plusDays(1),
                new LegacyAddress("Rosenheimer Str. 5", "81669", "München"), "WEB-91003", "MOVE", null, "WEB");
        // The batch also "corrects" the rows the legacy sink projected from the service a moment ago.
        actions.nightlyBatch();
    }

    /** The service's values win; in the middle of the phase vehicle changes move to the service too. */
    private void writeOwnership(PhaseActions actions, Instant vehicleCutover) {
        actions.serviceChange(new EndorsementCommand.ChangeAddress("DE-A-0001007", "AUTO", "DE", LocalDate.now().plusDays(30),
                new Address("Cecilienallee 12", "40474", "Düsseldorf"), null), true);
        awaitInstant(vehicleCutover.plus(MARGIN));
        actions.serviceChange(new EndorsementCommand.ChangeVehicle("DE-A-0001004", "AUTO", "DE", LocalDate.now().plusDays(3),
                "TMBJJ7NE8J0000020", "Neuwagen"), true);
        actions.legacyViolation(legacy.enterVehicleChange("DE-A-0001001", LocalDate.now().plusDays(4), "WVWZZZ1JZXW000030",
                "AG17-0701", "AGENT17"));
        // Slices the plan leaves with legacy keep flowing to the service's mirror.
        legacy.enterOtherChange("DE-L-0001008", "NAME_CHG", LocalDate.now(), "Namensänderung nach Heirat", "BACKOFF");
    }

    /** Reads retired: the legacy copy must still agree; an event for a policy legacy does not know is a finding. */
    private void readsRetired(PhaseActions actions) {
        actions.serviceChange(new EndorsementCommand.ChangeAddress("DE-A-0001001", "AUTO", "DE", LocalDate.now().plusDays(15),
                new Address("Schleißheimer Str. 80", "80797", "München"), null), true);
        // The injected fault: the service endorses a policy the legacy book does not have. The legacy sink cannot
        // project it (dead letter); the reconciliation must report the missing legacy row.
        actions.serviceChange(new EndorsementCommand.ChangeAddress("DE-A-0009999", "AUTO", "DE", LocalDate.now().plusDays(15),
                new Address("Teststr. 1", "10115", "Berlin"), null), false);
        actions.legacyViolation(legacy.enterAddressChange("DE-A-0001004", LocalDate.now().plusDays(6),
                new LegacyAddress("Wurzener Straße 3", "04315", "Leipzig"), "AG17-0801", null, "Korrektur Agentur", "AGENT17"));
        legacy.enterAddressChange("AT-A-0001006", LocalDate.now().plusDays(2), new LegacyAddress("Burggasse 12", "1070", "Wien"),
                "WEB-91004", "MOVE", null, "WEB");
    }

    /**
     * Addresses are no longer projected into legacy (the service's address changes stay in the service); the guard
     * still catches every legacy address write, the forgotten nightly batch's included.
     */
    private void decommissioned(PhaseActions actions) {
        actions.serviceChange(new EndorsementCommand.ChangeAddress("DE-A-0001002", "AUTO", "DE", LocalDate.now().plusDays(9),
                new Address("Kölner Str. 9", "40211", "Düsseldorf"), null), false);
        actions.legacyViolation(legacy.enterAddressChange("DE-A-0001002", LocalDate.now().plusDays(9),
                new LegacyAddress("Kölner Straße 9", "40211", "Düsseldorf"), "WEB-91009", "MOVE", null, "WEB"));
        actions.serviceChange(new EndorsementCommand.ChangeVehicle("DE-A-0001007", "AUTO", "DE", LocalDate.now().plusDays(9),
                "WF0XXXGCDX0000040", null), true);
        actions.nightlyBatch();
        legacy.postBillingAdjustment("DE-H-0001005", LocalDate.now(), "-0.01");
    }

    // ------------------------------------------------------------------------------------------------ machinery

    @FunctionalInterface
    private interface PhaseWork {
        void drive(PhaseActions actions);
    }

    /** What the simulators did in a phase, and what the pipeline must therefore show. */
    private final class PhaseActions {
        long expectedViolations;
        final List<Duration> lags = new ArrayList<>();
        Instant lastServiceChange = Instant.MIN;

        void serviceChange(EndorsementCommand command, boolean projected) {
            Instant start = Instant.now();
            lastServiceChange = start;
            EndorsementService.Accepted accepted = service.accept(command);
            if (projected) {
                Await.until("legacy row of " + accepted.eventType() + " " + accepted.endorsementId(), SETTLE,
                        () -> legacyRowExists(accepted.endorsementId()));
                lags.add(Duration.between(start, Instant.now()));
            }
        }

        void legacyViolation(long pvId) {
            violatingVersions.add(pvId);
            expectedViolations++;
        }

        void nightlyBatch() {
            // The batch runs "at night": after the reconciliation has compared the day's service events with their
            // legacy rows (it compares when an event arrives and re-checks once after the grace period). The
            // divergence the batch then causes in legacy is what the guard reports as violations; racing it against
            // a pending re-check would make the number of findings depend on timing.
            if (!lastServiceChange.equals(Instant.MIN)) {
                awaitInstant(lastServiceChange.plus(SETTLE_BEFORE_BATCH));
            }
            List<Long> migrated = ids(legacyDatabase, """
                    SELECT pv_id FROM polad.policy_version
                     WHERE txn_cd LIKE 'ADDR%' AND ctry_cd = 'DE' AND prod_line_cd = 'AUTO' AND addr_street LIKE '%Str.%'""");
            long touched = migrated.size();
            batchCorrectedVersions.addAll(migrated);
            int changed = legacy.runNightlyAddressBatch("DE");
            log.printf("  nightly address batch changed %d versions, %d of them in the migrated AUTO/DE scope%n", changed, touched);
            expectedViolations += touched;
        }
    }

    private PhaseFigures phase(String name, Instant cutover, long expectedFindings, PhaseWork work) {
        log.println();
        log.println("== " + name + " (cutover " + cutover + ")");
        applyConnectors(name);
        awaitInstant(cutover.plus(MARGIN));
        long violationsBefore = counted.getOrDefault(VIOLATIONS, 0L);
        Map<String, Long> findingsBefore = findingsAtLastPhaseEnd;
        long legacyBefore = counted.getOrDefault(LEGACY_EVENTS, 0L);
        long serviceBefore = SERVICE_EVENTS.stream().mapToLong(topic -> counted.getOrDefault(topic, 0L)).sum();
        long projectedBefore = count(legacyDatabase, "SELECT count(*) FROM polad.policy_version WHERE entered_by = 'ENDSVC'");

        PhaseActions actions = new PhaseActions();
        work.drive(actions);

        long expectedTotalViolations = violationsBefore + actions.expectedViolations;
        awaitQuietly("violations on " + VIOLATIONS, () -> topicCount(VIOLATIONS) >= expectedTotalViolations);
        if (expectedFindings > 0) {
            awaitQuietly("injected findings", () -> total(findings()) - total(findingsBefore) >= expectedFindings);
        }
        awaitQuietly("the shadow store to catch up", this::shadowStoreCaughtUp);
        // A difference is confirmed only after the reconcile sinks' grace period: give the last one its chance.
        awaitInstant(Instant.now().plus(RECONCILE_GRACE).plus(MARGIN.multipliedBy(2)));
        long violations = topicCount(VIOLATIONS) - violationsBefore;
        long legacyEvents = topicCount(LEGACY_EVENTS) - legacyBefore;
        long serviceEvents = SERVICE_EVENTS.stream().mapToLong(this::topicCount).sum() - serviceBefore;
        Map<String, Long> findings = new LinkedHashMap<>(findings());
        findings.replaceAll((table, n) -> n - findingsBefore.getOrDefault(table, 0L));
        findingsAtLastPhaseEnd = findings();
        // Legacy and its mirror must now differ exactly where the simulators made them differ: the rows legacy
        // changed without write authority (the guard kept them from the mirror) and the hand-corrupted shadow rows.
        Set<Long> expectedStateDifferences = new TreeSet<>(violatingVersions);
        expectedStateDifferences.addAll(batchCorrectedVersions);
        expectedStateDifferences.addAll(corruptedShadowRows);
        Set<Long> stateDifferences = stateCheckAfter(Instant.now());
        findings.values().removeIf(n -> n == 0);
        long projected = count(legacyDatabase, "SELECT count(*) FROM polad.policy_version WHERE entered_by = 'ENDSVC'") - projectedBefore;
        Duration max = actions.lags.stream().max(Duration::compareTo).orElse(null);
        Duration average = actions.lags.isEmpty() ? null
                : Duration.ofNanos((long) actions.lags.stream().mapToLong(Duration::toNanos).average().orElse(0));
        PhaseFigures figures = new PhaseFigures(name, legacyEvents, serviceEvents, projected, actions.expectedViolations,
                violations, findings, expectedFindings, expectedStateDifferences, stateDifferences, loopedEvents(), leakedViolations(),
                max, average);
        log.println("  " + figures);
        return figures;
    }

    /** PUT every connector of the phase, DELETE those the phase no longer has, wait until all run. */
    private void applyConnectors(String phase) {
        List<ConnectorExample> connectors = examples.phase(phase);
        Set<String> wanted = new HashSet<>();
        for (ConnectorExample connector : connectors) {
            Map<String, String> config = connector.resolve(placeholders);
            config.putAll(DEMO_OVERRIDES.getOrDefault(connector.name(), Map.of()));
            stack.connect().putConnector(connector.name(), config);
            wanted.add(connector.name());
        }
        for (JsonNode existing : stack.connect().get("/connectors")) {
            if (existing.asText().startsWith("endorsement-") && !wanted.contains(existing.asText())) {
                log.println("  removing connector " + existing.asText());
                stack.connect().deleteConnector(existing.asText());
            }
        }
        for (String name : wanted) {
            stack.connect().awaitConnectorRunning(name, Duration.ofMinutes(3));
        }
        log.println("  running: " + wanted);
    }

    private boolean legacyRowExists(UUID endorsementId) {
        try (Connection connection = legacyDatabase.open();
             PreparedStatement select = connection.prepareStatement("SELECT 1 FROM polad.policy_version WHERE src_sys_id = ?")) {
            select.setString(1, endorsementId.toString());
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        } catch (SQLException e) {
            return false;
        }
    }

    /** Every legacy version entered in legacy, except the violating ones, is in the shadow store. */
    private boolean shadowStoreCaughtUp() {
        long enteredInLegacy = count(legacyDatabase, "SELECT count(*) FROM polad.policy_version WHERE entered_by <> 'ENDSVC'");
        long shadow = count(serviceDatabase, "SELECT count(*) FROM endorsement.legacy_endorsement");
        return shadow >= enteredInLegacy - violatingVersions.size();
    }

    private boolean shadowReconciliationSettled() {
        return count(serviceDatabase, "SELECT count(*) FROM pg_class WHERE oid = to_regclass('" + SHADOW_PENDING + "')") > 0
                && count(serviceDatabase, "SELECT count(*) FROM " + SHADOW_PENDING) == 0;
    }

    /** Service endorsements that came back through the ACL into the shadow store: a loop. */
    private long loopedEvents() {
        return count(serviceDatabase, """
                SELECT count(*) FROM endorsement.legacy_endorsement l
                  JOIN endorsement.endorsement e ON l.source_id = e.endorsement_id::text""");
    }

    /** Versions that were authority violations but reached the service's shadow store. */
    private long leakedViolations() {
        if (violatingVersions.isEmpty()) {
            return 0;
        }
        StringBuilder ids = new StringBuilder();
        violatingVersions.forEach(id -> ids.append(ids.isEmpty() ? "" : ",").append(id));
        return count(serviceDatabase, "SELECT count(*) FROM endorsement.legacy_endorsement WHERE legacy_version_id IN (" + ids + ")");
    }

    private Map<String, Long> findings() {
        Map<String, Long> findings = new LinkedHashMap<>();
        for (String table : List.of("endorsement.reconcile_shadow_finding", "endorsement.reconcile_projection_finding")) {
            if (count(serviceDatabase, "SELECT count(*) FROM pg_class WHERE oid = to_regclass('" + table + "')") > 0) {
                // Record-level findings; the state check's (check_level 'state') are read per run, stateCheckAfter.
                findings.put(table, count(serviceDatabase, "SELECT count(*) FROM " + table + " WHERE check_level <> 'state'"));
            }
        }
        return findings;
    }

    /**
     * The keys the first state-check run that started after {@code settled} confirmed as different between legacy
     * and the shadow store (each run records every persisting difference again, under its own run id). Empty when
     * no such run recorded anything within the deadline: from phase 1 on the hand-corrupted row is in every run.
     */
    private Set<Long> stateCheckAfter(Instant settled) {
        Set<Long> keys = new TreeSet<>();
        awaitQuietly("a state check of the shadow store after " + settled, () -> {
            keys.clear();
            keys.addAll(ids(serviceDatabase, """
                    SELECT row_key::bigint FROM %s
                     WHERE check_level = 'state'
                       AND run_id = (SELECT run_id FROM %s WHERE check_level = 'state'
                                      GROUP BY run_id HAVING min(first_seen) > '%s'::timestamptz
                                      ORDER BY min(first_seen) LIMIT 1)""".formatted(SHADOW_FINDINGS, SHADOW_FINDINGS, settled)));
            return !keys.isEmpty();
        });
        return keys;
    }

    private static List<Long> ids(Database database, String sql) {
        try (Connection connection = database.open(); var statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            List<Long> ids = new ArrayList<>();
            while (result.next()) {
                ids.add(result.getLong(1));
            }
            return ids;
        } catch (SQLException e) {
            // The results table appears with the reconcile connector's first start.
            if ("42P01".equals(e.getSQLState())) {
                return List.of();
            }
            throw new IllegalStateException("Journey query failed: " + e.getMessage(), e);
        }
    }

    private static void execute(Database database, String sql) {
        try (Connection connection = database.open(); var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Journey statement failed: " + e.getMessage(), e);
        }
    }

    private static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private long topicCount(String topic) {
        long n = stack.kafka().topics().contains(topic)
                ? stack.kafka().consumeAll(topic, Duration.ofSeconds(30), true).size() : 0;
        counted.put(topic, n);
        return n;
    }

    private static long count(Database database, String sql) {
        try (Connection connection = database.open(); var statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Journey query failed: " + e.getMessage(), e);
        }
    }

    private void awaitQuietly(String what, java.util.function.BooleanSupplier condition) {
        try {
            Await.until(what, SETTLE, condition);
        } catch (AssertionError | RuntimeException e) {
            log.println("  (gave up waiting for " + what + ": " + e.getMessage() + ")");
        }
    }

    /** Waits for a plan instant: the plan decides by event time, so the simulators act only once it has passed. */
    private static void awaitInstant(Instant instant) {
        Await.until("plan instant " + instant, Duration.ofMinutes(30), () -> !Instant.now().isBefore(instant));
    }
}
