package dev.strangler.connect.outbox.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.strangler.connect.core.sql.PostgresDialect;
import dev.strangler.connect.core.sql.SqlIdentifier;
import dev.strangler.connect.core.sql.TableName;

class OutboxQueriesTest {

    static OutboxTableLayout debeziumLayout(String table) {
        return new OutboxTableLayout(TableName.parse(table), id("xid"), id("id"), id("aggregatetype"), id("aggregateid"),
                id("type"), id("payload"), Optional.empty(), Optional.empty(), Optional.empty(), List.of());
    }

    static SqlIdentifier id(String name) {
        return SqlIdentifier.of(name);
    }

    private static final OutboxTableLayout FULL = new OutboxTableLayout(TableName.parse("orders.Outbox"), id("tx"), id("EventId"),
            id("agg_type"), id("agg_id"), id("kind"), id("body"), Optional.of(id("created_at")), Optional.of(id("version")),
            Optional.of(id("tracingspancontext")), List.of(id("tenant")));

    @Test
    void firstBatchReadsOnlyRowsOfFinishedTransactionsInTransactionOrder() {
        OutboxQueries queries = new OutboxQueries(PostgresDialect.INSTANCE, debeziumLayout("outbox"));

        assertThat(queries.selectBatch(false)).isEqualTo(
                "SELECT CAST(o.\"xid\" AS text), CAST(o.\"id\" AS text), CAST(o.\"aggregatetype\" AS text), CAST(o.\"aggregateid\" AS text),"
                        + " CAST(o.\"type\" AS text), o.\"payload\" FROM \"outbox\" o"
                        + " WHERE o.\"xid\" < pg_snapshot_xmin(pg_current_snapshot())"
                        + " ORDER BY o.\"xid\", o.\"id\" LIMIT ?");
    }

    @Test
    void laterBatchesResumeAfterThePositionAsATuple() {
        OutboxQueries queries = new OutboxQueries(PostgresDialect.INSTANCE, debeziumLayout("public.outbox"));

        assertThat(queries.selectBatch(true))
                .contains(" FROM \"public\".\"outbox\" o ")
                .contains(" WHERE o.\"xid\" < pg_snapshot_xmin(pg_current_snapshot()) AND (o.\"xid\", o.\"id\") > (?, ?)")
                .endsWith(" ORDER BY o.\"xid\", o.\"id\" LIMIT ?");
    }

    @Test
    void orderByNeverNamesAnOutputColumn() {
        // The select list casts xid and id to text, and PostgreSQL names "CAST(xid AS text)" xid: a bare
        // ORDER BY "xid" would sort as text (1000 before 999) and the position would jump over rows.
        OutboxQueries queries = new OutboxQueries(PostgresDialect.INSTANCE, FULL);

        assertThat(queries.selectBatch(true)).contains("ORDER BY o.\"tx\", o.\"EventId\"").doesNotContain("ORDER BY \"");
        assertThat(queries.selectLagMillis(true)).contains("ORDER BY o.\"tx\", o.\"EventId\"").doesNotContain("ORDER BY \"");
    }

    @Test
    void everyConfiguredColumnIsQuotedAndSelectedInLayoutOrder() {
        OutboxQueries queries = new OutboxQueries(PostgresDialect.INSTANCE, FULL);

        assertThat(queries.selectBatch(true)).isEqualTo(
                "SELECT CAST(o.\"tx\" AS text), CAST(o.\"EventId\" AS text), CAST(o.\"agg_type\" AS text), CAST(o.\"agg_id\" AS text),"
                        + " CAST(o.\"kind\" AS text), o.\"body\", o.\"created_at\", CAST(o.\"version\" AS text),"
                        + " CAST(o.\"tracingspancontext\" AS text), CAST(o.\"tenant\" AS text)"
                        + " FROM \"orders\".\"Outbox\" o"
                        + " WHERE o.\"tx\" < pg_snapshot_xmin(pg_current_snapshot()) AND (o.\"tx\", o.\"EventId\") > (?, ?)"
                        + " ORDER BY o.\"tx\", o.\"EventId\" LIMIT ?");
        assertThat(FULL.selectedColumns()).extracting(SqlIdentifier::name).containsExactly(
                "tx", "EventId", "agg_type", "agg_id", "kind", "body", "created_at", "version", "tracingspancontext", "tenant");
    }

    @Test
    void lagIsTheAgeOfTheFirstUnpublishedRowByTheDatabaseClock() {
        OutboxQueries queries = new OutboxQueries(PostgresDialect.INSTANCE, FULL);

        assertThat(queries.selectLagMillis(true)).isEqualTo(
                "SELECT CAST(EXTRACT(EPOCH FROM (clock_timestamp() - o.\"created_at\")) * 1000 AS bigint)"
                        + " FROM \"orders\".\"Outbox\" o WHERE (o.\"tx\", o.\"EventId\") > (?, ?) ORDER BY o.\"tx\", o.\"EventId\" LIMIT 1");
        assertThat(queries.selectLagMillis(false)).doesNotContain("WHERE");
    }

    @Test
    void housekeepingTouchesOnlyRowsAtOrBeforeTheCommittedPosition() {
        OutboxQueries queries = new OutboxQueries(PostgresDialect.INSTANCE, FULL);

        assertThat(queries.deletePublished(false))
                .isEqualTo("DELETE FROM \"orders\".\"Outbox\" WHERE (\"tx\", \"EventId\") <= (?, ?)");
        assertThat(queries.deletePublished(true)).isEqualTo("DELETE FROM \"orders\".\"Outbox\" WHERE (\"tx\", \"EventId\") <= (?, ?)"
                + " AND \"created_at\" < clock_timestamp() - (? * INTERVAL '1 millisecond')");
        assertThat(queries.markPublished(id("published_at"), true)).isEqualTo(
                "UPDATE \"orders\".\"Outbox\" SET \"published_at\" = clock_timestamp()"
                        + " WHERE (\"tx\", \"EventId\") > (?, ?) AND (\"tx\", \"EventId\") <= (?, ?) AND \"published_at\" IS NULL");
        assertThat(queries.markPublished(id("published_at"), false)).isEqualTo(
                "UPDATE \"orders\".\"Outbox\" SET \"published_at\" = clock_timestamp()"
                        + " WHERE (\"tx\", \"EventId\") <= (?, ?) AND \"published_at\" IS NULL");
        assertThat(queries.deleteMarkedBefore(id("published_at"))).isEqualTo(
                "DELETE FROM \"orders\".\"Outbox\" WHERE \"published_at\" < clock_timestamp() - (? * INTERVAL '1 millisecond')");
    }

    @Test
    void listenQuotesTheChannel() {
        assertThat(new OutboxQueries(PostgresDialect.INSTANCE, FULL).listen(id("Outbox_Events"))).isEqualTo("LISTEN \"Outbox_Events\"");
    }
}
