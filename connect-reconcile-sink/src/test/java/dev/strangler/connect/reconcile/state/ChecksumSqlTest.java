package dev.strangler.connect.reconcile.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.strangler.connect.core.sql.PostgresDialect;
import dev.strangler.connect.core.sql.SqlIdentifier;
import dev.strangler.connect.core.sql.TableName;

class ChecksumSqlTest {

    private static final PostgresDialect PG = PostgresDialect.INSTANCE;
    private static final TableName TABLE = TableName.parse("legacy.policy");
    private static final SqlIdentifier KEY = SqlIdentifier.of("id");
    private static final List<SqlIdentifier> COLUMNS = List.of(SqlIdentifier.of("holder"), SqlIdentifier.of("premium"));

    @Test
    void checksumsHashKeyAndColumnsWithNullsDistinctFromEmptyStringsPerSubRange() {
        assertThat(ChecksumSql.checksums(PG, TABLE, KEY, COLUMNS, List.of())).isEqualTo(
                "SELECT width_bucket(\"id\", ?::bigint[]) AS part, count(*), coalesce(sum(('x' || substr(md5(concat_ws('|', \"id\"::text, "
                        + "coalesce(\"holder\"::text, '\\N'), coalesce(\"premium\"::text, '\\N'))), 1, 15))::bit(60)::bigint), 0) "
                        + "FROM \"legacy\".\"policy\" WHERE \"id\" >= ? AND \"id\" < ? GROUP BY part");
    }

    @Test
    void summedColumnsAreAddedToTheAggregate() {
        assertThat(ChecksumSql.checksums(PG, TABLE, KEY, COLUMNS, List.of(SqlIdentifier.of("premium"))))
                .contains("::bit(60)::bigint), 0), coalesce(sum(\"premium\"), 0) FROM \"legacy\".\"policy\" WHERE");
    }

    @Test
    void rowStatementsBindRangesAndKeyArrays() {
        assertThat(ChecksumSql.rowsInRange(PG, TABLE, KEY, COLUMNS))
                .isEqualTo("SELECT \"id\", \"holder\", \"premium\" FROM \"legacy\".\"policy\" WHERE \"id\" >= ? AND \"id\" < ?");
        assertThat(ChecksumSql.rowsByKeys(PG, TABLE, KEY, COLUMNS))
                .isEqualTo("SELECT \"id\", \"holder\", \"premium\" FROM \"legacy\".\"policy\" WHERE \"id\" = ANY (?)");
        assertThat(ChecksumSql.bounds(PG, TABLE, KEY)).isEqualTo("SELECT min(\"id\"), max(\"id\") FROM \"legacy\".\"policy\"");
    }
}
