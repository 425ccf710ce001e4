package dev.strangler.connect.bench.outbox;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.strangler.connect.harness.PostgresServer;

/**
 * One way of publishing the outbox, configured through the Connect REST API with the JSON a user would write:
 * our connector polling, our connector woken by LISTEN/NOTIFY, or Debezium's Postgres connector with its outbox
 * EventRouter. Every contender reads its own database (same table, same workload) and writes its own topic.
 */
enum OutboxContender {

    OURS_POLL("ours-poll", "OursPoll", false),
    /** Polling as before the idle backoff: every empty poll waits the whole interval. */
    OURS_POLL_FIXED("ours-poll-fixed", "OursPollFixed", false),
    /** Polling with five times the default batch: fewer Kafka transactions per drained event. */
    OURS_POLL_BATCH_5000("ours-poll-b5000", "OursPollB5000", false),
    OURS_NOTIFY("ours-notify", "OursNotify", true),
    DEBEZIUM("debezium", "Debezium", false);

    /** Poll interval of the polling variant: low enough for a latency target, far below the 1 s default. */
    static final String OURS_POLL_INTERVAL_MS = "100";

    final String label;
    /** The aggregate type of the contender's events (plus the round), and so its topic {@code outbox.event.<type>}. */
    private final String aggregateType;
    final boolean notifyTrigger;

    OutboxContender(String label, String aggregateType, boolean notifyTrigger) {
        this.label = label;
        this.aggregateType = aggregateType;
        this.notifyTrigger = notifyTrigger;
    }

    static OutboxContender fromLabel(String label) {
        for (OutboxContender contender : values()) {
            if (contender.label.equals(label)) {
                return contender;
            }
        }
        throw new IllegalArgumentException("Unknown contender " + label + "; use ours-poll, ours-poll-fixed, ours-poll-b5000, ours-notify or debezium");
    }

    // Each round of a contender has its own database, topic, connector and slot: nothing carries over but the warm JVMs.

    String database(int round) {
        return "bench_outbox_" + label.replace('-', '_') + "_r" + round;
    }

    String aggregateType(int round) {
        return aggregateType + "R" + round;
    }

    String connectorName(int round) {
        return "bench-outbox-" + label + "-r" + round;
    }

    String topic(int round) {
        return "outbox.event." + aggregateType(round);
    }

    String slotName(int round) {
        return "bench_dbz_outbox_r" + round;
    }

    Map<String, String> connectorConfig(PostgresServer postgres, int round) {
        Map<String, String> config = new LinkedHashMap<>();
        if (this == DEBEZIUM) {
            config.put("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
            config.put("tasks.max", "1");
            config.put("database.hostname", postgres.host());
            config.put("database.port", Integer.toString(postgres.port()));
            config.put("database.user", postgres.user());
            config.put("database.password", postgres.password());
            config.put("database.dbname", database(round));
            config.put("topic.prefix", "bench-dbz");
            config.put("plugin.name", "pgoutput");
            config.put("slot.name", slotName(round));
            config.put("publication.name", slotName(round));
            config.put("publication.autocreate.mode", "disabled");
            config.put("table.include.list", "public.outbox");
            config.put("column.exclude.list", "public.outbox.xid");
            // The slot was created before the backlog: stream it, no snapshot (EventRouter ignores snapshot reads).
            config.put("snapshot.mode", "no_data");
            config.put("tombstones.on.delete", "false");
            // The same wait for new changes as our polling variant (Debezium's default is 500 ms).
            config.put("poll.interval.ms", OURS_POLL_INTERVAL_MS);
            config.put("transforms", "outbox");
            config.put("transforms.outbox.type", "io.debezium.transforms.outbox.EventRouter");
            config.put("transforms.outbox.table.expand.json.payload", "true");
        } else {
            config.put("connector.class", "dev.strangler.connect.outbox.OutboxSourceConnector");
            config.put("tasks.max", "1");
            config.put("connection.url", postgres.jdbcUrl(database(round)));
            config.put("connection.user", postgres.user());
            config.put("connection.password", postgres.password());
            config.put("outbox.tables", "public.outbox");
            config.put("column.timestamp", "created_at");
            config.put("exactly.once.support", "required");
            if (notifyTrigger) {
                config.put("poll.notify.channel", OutboxWorkload.CHANNEL);
            } else {
                config.put("poll.interval.ms", OURS_POLL_INTERVAL_MS);
            }
            if (this == OURS_POLL_FIXED) {
                config.put("poll.backoff.initial.ms", OURS_POLL_INTERVAL_MS);
            }
            if (this == OURS_POLL_BATCH_5000) {
                config.put("poll.batch.size", "5000");
            }
        }
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        return config;
    }
}
