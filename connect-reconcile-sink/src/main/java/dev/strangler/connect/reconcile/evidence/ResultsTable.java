package dev.strangler.connect.reconcile.evidence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import dev.strangler.connect.core.plan.AuthorityDecision;
import dev.strangler.connect.core.sql.SqlDialect;
import dev.strangler.connect.core.sql.SqlIdentifier;
import dev.strangler.connect.core.sql.TableName;

/**
 * The results table: one row per confirmed finding, with the run, scope, check, both versions and times, queryable
 * with SQL ({@code jsonb} documents) by operators and auditors. PostgreSQL; the caller owns the transaction.
 */
public final class ResultsTable {

    private final SqlDialect dialect;
    private final TableName table;

    public ResultsTable(SqlDialect dialect, TableName table) {
        this.dialect = dialect;
        this.table = table;
    }

    public void createIfMissing(Connection connection) throws SQLException {
        String t = dialect.quote(table);
        String name = table.table().name();
        String index = dialect.quote(SqlIdentifier.of((name.length() > 55 ? name.substring(0, 55) : name) + "_scope"));
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + t + " ("
                    + "finding_id varchar(36) PRIMARY KEY, "
                    + "run_id varchar(36) NOT NULL, "
                    + "connector varchar(255) NOT NULL, "
                    + "scope varchar(255) NOT NULL, "
                    + "check_level varchar(16) NOT NULL, "
                    + "kind varchar(32) NOT NULL, "
                    + "plan_phase varchar(32), system_of_record varchar(16), conflict_rule varchar(32), "
                    + "rule varchar(64) NOT NULL, "
                    + "row_key varchar(2000), "
                    + "key_range varchar(100), "
                    + "differences jsonb NOT NULL, "
                    + "source_version jsonb, "
                    + "target_version jsonb, "
                    + "origin_topic varchar(255), origin_partition integer, origin_offset bigint, "
                    + "first_seen timestamptz NOT NULL, "
                    + "confirmed_at timestamptz NOT NULL)");
            statement.execute("CREATE INDEX IF NOT EXISTS " + index + " ON " + t + " (scope, confirmed_at)");
        }
    }

    private static String label(Enum<?> value) {
        return dev.strangler.connect.core.config.EnumValidator.configValue(value);
    }

    public void insert(Connection connection, List<Finding> findings) throws SQLException {
        if (findings.isEmpty()) {
            return;
        }
        String sql = "INSERT INTO " + dialect.quote(table) + " (finding_id, run_id, connector, scope, check_level, kind, rule, "
                + "plan_phase, system_of_record, conflict_rule, row_key, key_range, differences, source_version, target_version, origin_topic, origin_partition, origin_offset, "
                + "first_seen, confirmed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), "
                + "CAST(? AS jsonb), ?, ?, ?, ?, ?)";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (Finding finding : findings) {
                int i = 0;
                statement.setString(++i, UUID.randomUUID().toString());
                statement.setString(++i, finding.runId());
                statement.setString(++i, finding.connector());
                statement.setString(++i, finding.scope());
                statement.setString(++i, finding.level().label());
                statement.setString(++i, finding.kind().label());
                statement.setString(++i, finding.rule());
                AuthorityDecision authority = finding.authority();
                statement.setString(++i, authority == null ? null : label(authority.phase()));
                statement.setString(++i, authority == null ? null : label(authority.systemOfRecord()));
                statement.setString(++i, authority == null ? null : label(authority.conflictRule()));
                statement.setString(++i, finding.rowKey());
                statement.setString(++i, finding.keyRange());
                statement.setString(++i, EvidenceJson.differences(finding.differences()));
                statement.setString(++i, EvidenceJson.version(finding.sourceVersion()));
                statement.setString(++i, EvidenceJson.version(finding.targetVersion()));
                statement.setString(++i, finding.origin() == null ? null : finding.origin().topic());
                statement.setObject(++i, finding.origin() == null ? null : finding.origin().partition(), Types.INTEGER);
                statement.setObject(++i, finding.origin() == null ? null : finding.origin().offset(), Types.BIGINT);
                statement.setObject(++i, OffsetDateTime.ofInstant(finding.firstSeen(), ZoneOffset.UTC));
                statement.setObject(++i, OffsetDateTime.ofInstant(finding.confirmedAt(), ZoneOffset.UTC));
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }
}
