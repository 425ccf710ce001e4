package dev.strangler.connect.reconcile.pending;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.strangler.connect.core.sql.SqlDialect;
import dev.strangler.connect.core.sql.SqlIdentifier;
import dev.strangler.connect.core.sql.TableName;
import dev.strangler.connect.reconcile.compare.Outcome;
import dev.strangler.connect.reconcile.lookup.RowKey;
import dev.strangler.connect.reconcile.stream.RecordOrigin;
import dev.strangler.connect.reconcile.stream.SourceRow;

/**
 * Pending findings in a table of the evidence database (PostgreSQL), keyed by connector and row key.
 *
 * <p>Why a table rather than a compacted topic: the re-check must query a database anyway, the confirmation of a
 * finding and the removal of its pending row commit in one transaction with the evidence row, operators can query
 * the backlog with SQL, and the state is independent of which task owns which partition after a rebalance. Several
 * tasks claim due rows with {@code FOR UPDATE SKIP LOCKED}, so no row is re-checked twice at once. A topic would
 * need a producer, a full read on every start and partition-aligned ownership.
 *
 * <p>The caller owns the transaction: every method runs on the given connection without committing.
 */
public final class PendingStore {

    private final SqlDialect dialect;
    private final TableName table;

    public PendingStore(SqlDialect dialect, TableName table) {
        this.dialect = dialect;
        this.table = table;
    }

    public void createIfMissing(Connection connection) throws SQLException {
        String t = dialect.quote(table);
        String index = dialect.quote(SqlIdentifier.of(truncate(table.table().name(), 58) + "_due"));
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + t + " ("
                    + "connector varchar(255) NOT NULL, "
                    + "row_key varchar(2000) NOT NULL, "
                    + "key_values text NOT NULL, "
                    + "source_fields text NOT NULL, "
                    + "outcome varchar(32) NOT NULL, "
                    + "origin_topic varchar(255), origin_partition integer, origin_offset bigint, "
                    + "event_time timestamptz, "
                    + "first_seen timestamptz NOT NULL, "
                    + "due_at timestamptz NOT NULL, "
                    + "checks integer NOT NULL, "
                    + "PRIMARY KEY (connector, row_key))");
            statement.execute("CREATE INDEX IF NOT EXISTS " + index + " ON " + t + " (connector, due_at)");
        }
    }

    /**
     * Records or refreshes pending findings: a key already pending keeps its {@code first_seen} and counts one more
     * check, and takes the newer record version and due time.
     */
    public void save(Connection connection, String connector, List<PendingFinding> findings) throws SQLException {
        if (findings.isEmpty()) {
            return;
        }
        String sql = "INSERT INTO " + dialect.quote(table) + " AS p (connector, row_key, key_values, source_fields, outcome, "
                + "origin_topic, origin_partition, origin_offset, event_time, first_seen, due_at, checks) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (connector, row_key) DO UPDATE SET key_values = EXCLUDED.key_values, "
                + "source_fields = EXCLUDED.source_fields, outcome = EXCLUDED.outcome, origin_topic = EXCLUDED.origin_topic, "
                + "origin_partition = EXCLUDED.origin_partition, origin_offset = EXCLUDED.origin_offset, event_time = EXCLUDED.event_time, "
                + "due_at = EXCLUDED.due_at, checks = p.checks + EXCLUDED.checks";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (PendingFinding finding : findings) {
                SourceRow row = finding.row();
                int i = 0;
                statement.setString(++i, connector);
                statement.setString(++i, row.key().text());
                statement.setString(++i, TypedValueCodec.encodeList(row.keyValues()));
                statement.setString(++i, TypedValueCodec.encodeFields(row.fields()));
                statement.setString(++i, finding.outcome().name());
                RecordOrigin origin = row.origin();
                statement.setString(++i, origin == null ? null : origin.topic());
                statement.setObject(++i, origin == null ? null : origin.partition(), java.sql.Types.INTEGER);
                statement.setObject(++i, origin == null ? null : origin.offset(), java.sql.Types.BIGINT);
                statement.setObject(++i, row.eventTime() == null ? null : utc(row.eventTime()), java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
                statement.setObject(++i, utc(finding.firstSeen()));
                statement.setObject(++i, utc(finding.dueAt()));
                statement.setInt(++i, finding.checks());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** Forgets the keys (they matched, or their finding was confirmed); returns how many were pending. */
    public int delete(Connection connection, String connector, Collection<RowKey> keys) throws SQLException {
        if (keys.isEmpty()) {
            return 0;
        }
        String sql = "DELETE FROM " + dialect.quote(table) + " WHERE connector = ? AND row_key = ANY (?)";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            Array array = connection.createArrayOf("varchar", keys.stream().map(RowKey::text).toArray());
            statement.setString(1, connector);
            statement.setArray(2, array);
            return statement.executeUpdate();
        }
    }

    /**
     * Locks and returns up to {@code limit} findings due at {@code now}, oldest first; rows another task has locked
     * are skipped. The locks last until the caller's transaction ends.
     */
    public List<PendingFinding> claimDue(Connection connection, String connector, Instant now, int limit) throws SQLException {
        String sql = "SELECT row_key, key_values, source_fields, outcome, origin_topic, origin_partition, origin_offset, "
                + "event_time, first_seen, due_at, checks FROM " + dialect.quote(table)
                + " WHERE connector = ? AND due_at <= ? ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED";
        List<PendingFinding> due = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, connector);
            statement.setObject(2, utc(now));
            statement.setInt(3, limit);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    List<Object> keyValues = TypedValueCodec.decodeList(rs.getString("key_values"));
                    String topic = rs.getString("origin_topic");
                    RecordOrigin origin = topic == null ? null
                            : new RecordOrigin(topic, rs.getInt("origin_partition"), rs.getLong("origin_offset"));
                    OffsetDateTime eventTime = rs.getObject("event_time", OffsetDateTime.class);
                    SourceRow row = SourceRow.of(keyValues, TypedValueCodec.decodeFields(rs.getString("source_fields")), origin,
                            eventTime == null ? null : eventTime.toInstant());
                    due.add(new PendingFinding(row, Outcome.valueOf(rs.getString("outcome")),
                            rs.getObject("first_seen", OffsetDateTime.class).toInstant(), rs.getObject("due_at", OffsetDateTime.class).toInstant(), rs.getInt("checks")));
                }
            }
        }
        return due;
    }

    /** The re-check backlog of a connector: how many findings are pending, and when the earliest falls due. */
    public record Backlog(long count, Optional<Instant> nextDue) {
    }

    public Backlog backlog(Connection connection, String connector) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT count(*), min(due_at) FROM " + dialect.quote(table) + " WHERE connector = ?")) {
            statement.setString(1, connector);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                OffsetDateTime nextDue = rs.getObject(2, OffsetDateTime.class);
                return new Backlog(rs.getLong(1), Optional.ofNullable(nextDue).map(OffsetDateTime::toInstant));
            }
        }
    }

    /**
     * The row keys of every pending finding of a connector, or empty when there are more than {@code limit} (then
     * the caller cannot keep them in memory and must treat every key as possibly pending).
     */
    public Optional<Set<String>> keys(Connection connection, String connector, int limit) throws SQLException {
        Set<String> keys = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT row_key FROM " + dialect.quote(table) + " WHERE connector = ? LIMIT ?")) {
            statement.setString(1, connector);
            statement.setInt(2, limit + 1);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
        }
        return keys.size() > limit ? Optional.empty() : Optional.of(keys);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String truncate(String name, int length) {
        return name.length() <= length ? name : name.substring(0, length);
    }
}
