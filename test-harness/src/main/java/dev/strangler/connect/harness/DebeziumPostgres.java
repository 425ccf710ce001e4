package dev.strangler.connect.harness;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The connector JSON for Debezium's Postgres connector (pgoutput) capturing tables of a harness database, as a
 * user writes it; tests add their converters and transforms to the returned (mutable) map.
 */
public final class DebeziumPostgres {

    private DebeziumPostgres() {
    }

    /**
     * @param name       names the replication slot and the publication ({@code <name>_slot}, {@code <name>_publication}),
     *                   which must be unique per connector in one database server
     * @param tables     {@code table.include.list}, e.g. {@code public.policy}
     */
    public static Map<String, String> capturing(PostgresServer postgres, String database, String topicPrefix, String name, String tables) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        config.put("database.hostname", postgres.host());
        config.put("database.port", Integer.toString(postgres.port()));
        config.put("database.user", postgres.user());
        config.put("database.password", postgres.password());
        config.put("database.dbname", database);
        config.put("topic.prefix", topicPrefix);
        config.put("plugin.name", "pgoutput");
        config.put("slot.name", name + "_slot");
        config.put("publication.name", name + "_publication");
        config.put("publication.autocreate.mode", "filtered");
        config.put("table.include.list", tables);
        return config;
    }
}
