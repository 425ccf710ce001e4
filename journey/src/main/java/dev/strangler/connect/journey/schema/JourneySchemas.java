package dev.strangler.connect.journey.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The SQL of the journey: the legacy policy administration schema and its seed data, and the Endorsement
 * service's schema with its outbox. Each is one script, run as one statement batch (PostgreSQL's simple protocol
 * accepts several statements, dollar-quoted function bodies included).
 */
public final class JourneySchemas {

    public static final String LEGACY_SCHEMA = "legacy-schema.sql";
    public static final String LEGACY_SEED = "legacy-seed.sql";
    public static final String SERVICE_SCHEMA = "service-schema.sql";

    private JourneySchemas() {
    }

    /** Creates schema {@code polad} with its tables, triggers and seed data in the legacy database. */
    public static void createLegacy(Database legacy) {
        run(legacy, LEGACY_SCHEMA);
        run(legacy, LEGACY_SEED);
    }

    /** Creates schema {@code endorsement} (state, outbox, shadow store) in the service's database. */
    public static void createService(Database service) {
        run(service, SERVICE_SCHEMA);
    }

    public static String script(String name) {
        try (InputStream in = JourneySchemas.class.getResourceAsStream("/dev/strangler/connect/journey/sql/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No journey script " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(Database database, String name) {
        try (Connection connection = database.open(); Statement statement = connection.createStatement()) {
            statement.execute(script(name));
        } catch (SQLException e) {
            throw new IllegalStateException("Journey script " + name + " failed: " + e.getMessage(), e);
        }
    }
}
