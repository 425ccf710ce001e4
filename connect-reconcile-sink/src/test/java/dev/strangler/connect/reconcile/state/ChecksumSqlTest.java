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

    private static final String PG_POSITION = "('x' || substr(md5(\"id\"::text), 1, 8))::bit(32)::bigint";

    @Test
    void textKeysArePlacedByTheFirst32BitsOfTheMd5OfTheirText() {
        assertThat(KeySpace.TEXT_HASH.position(PG, KEY)).isEqualTo(PG_POSITION);
        assertThat(ChecksumSql.checksums(PG, TABLE, KEY, KeySpace.TEXT_HASH, COLUMNS, List.of())).isEqualTo(
                "SELECT width_bucket(" + PG_POSITION + ", ?::bigint[]) AS part, count(*), coalesce(sum(('x' || substr(md5(concat_ws('|', "
                        + "\"id\"::text, coalesce(\"holder\"::text, '\\N'), coalesce(\"premium\"::text, '\\N'))), 1, 15))::bit(60)::bigint), 0) "
                        + "FROM \"legacy\".\"policy\" WHERE " + PG_POSITION + " >= ? AND " + PG_POSITION + " < ? GROUP BY part");
        assertThat(ChecksumSql.rowsInRange(PG, TABLE, KEY, KeySpace.TEXT_HASH, COLUMNS)).isEqualTo(
                "SELECT \"id\"::text, \"holder\", \"premium\" FROM \"legacy\".\"policy\" WHERE " + PG_POSITION + " >= ? AND "
                        + PG_POSITION + " < ?");
        assertThat(ChecksumSql.rowsByKeys(PG, TABLE, KEY, KeySpace.TEXT_HASH, COLUMNS)).isEqualTo(
                "SELECT \"id\"::text, \"holder\", \"premium\" FROM \"legacy\".\"policy\" WHERE \"id\"::text = ANY (?)");
        // The span of hash positions is fixed: the statement only tells an empty table from one with rows.
        assertThat(ChecksumSql.bounds(PG, TABLE, KEY, KeySpace.TEXT_HASH))
                .isEqualTo("SELECT 0, 4294967295 FROM \"legacy\".\"policy\" LIMIT 1");
        assertThat(KeySpace.HASH_SPAN).isEqualTo(new KeyRange(0, 4_294_967_296L));
    }

    @Test
    void oraclePlacesTextKeysByTheSameBitsOfTheSameDigest() {
        assertThat(KeySpace.TEXT_HASH.position(dev.strangler.connect.core.sql.OracleDialect.INSTANCE, KEY)).isEqualTo(
                "TO_NUMBER(SUBSTR(RAWTOHEX(STANDARD_HASH(TO_CHAR(" + dev.strangler.connect.core.sql.OracleDialect.INSTANCE.quote(KEY)
                        + "), 'MD5')), 1, 8), 'XXXXXXXX')");
    }

    @Test
    void integerKeysAreTheirOwnPosition() {
        assertThat(KeySpace.INTEGER.position(PG, KEY)).isEqualTo("\"id\"");
        assertThat(ChecksumSql.checksums(PG, TABLE, KEY, KeySpace.INTEGER, COLUMNS, List.of()))
                .isEqualTo(ChecksumSql.checksums(PG, TABLE, KEY, COLUMNS, List.of()));
        assertThat(KeySpace.INTEGER.keyArrayType()).isEqualTo("bigint");
        assertThat(KeySpace.TEXT_HASH.keyArrayType()).isEqualTo("text");
    }

    @Test
    void compositeKeysArePlacedByTheHashOfTheirColumnsTextsAndReReadAsTuples() {
        List<SqlIdentifier> keys = List.of(SqlIdentifier.of("country"), SqlIdentifier.of("pol_no"));
        String position = "('x' || substr(md5(concat_ws('|', \"country\"::text, \"pol_no\"::text)), 1, 8))::bit(32)::bigint";

        assertThat(KeySpace.TEXT_HASH.position(PG, keys)).isEqualTo(position);
        assertThat(ChecksumSql.checksums(PG, TABLE, keys, KeySpace.TEXT_HASH, COLUMNS, List.of()))
                .startsWith("SELECT width_bucket(" + position + ", ?::bigint[]) AS part")
                .contains("md5(concat_ws('|', \"country\"::text, \"pol_no\"::text, coalesce(\"holder\"::text")
                .endsWith("WHERE " + position + " >= ? AND " + position + " < ? GROUP BY part");
        assertThat(ChecksumSql.rowsByKeys(PG, TABLE, keys, KeySpace.TEXT_HASH, COLUMNS)).isEqualTo(
                "SELECT \"country\"::text, \"pol_no\"::text, \"holder\", \"premium\" FROM \"legacy\".\"policy\" "
                        + "WHERE (\"country\"::text, \"pol_no\"::text) IN (SELECT * FROM unnest(?::text[], ?::text[]))");
        assertThat(KeySpace.TEXT_HASH.position(dev.strangler.connect.core.sql.OracleDialect.INSTANCE, keys))
                .contains("STANDARD_HASH(TO_CHAR(").contains(") || '|' || TO_CHAR(");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KeySpace.INTEGER.position(PG, keys))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
