package dev.strangler.connect.reconcile.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import dev.strangler.connect.reconcile.compare.ComparisonRules;
import dev.strangler.connect.reconcile.compare.FieldPair;
import dev.strangler.connect.reconcile.compare.Outcome;
import dev.strangler.connect.reconcile.compare.RecordComparer;

/**
 * The bisection algorithm over tables held in memory (the SQL side is exercised against PostgreSQL in the
 * integration tests): where it looks, what it finds, and how much it reads.
 */
class BisectionTest {

    private static final List<FieldPair> PAIRS = List.of(new FieldPair("amount", "amount_eur"));
    private final RecordComparer comparer = new RecordComparer(ComparisonRules.builder()
            .absoluteTolerance(Map.of("amount", new BigDecimal("0.01"))).build());

    /** A table of {key -> amount}; the row hash is the hash of the amount's text, as the SQL hashes text. */
    static class TableInMemory implements RangeReader {
        final TreeMap<Long, Map<String, Object>> rows = new TreeMap<>();
        final String column;
        int checksums;

        TableInMemory(String column) {
            this.column = column;
        }

        TableInMemory with(long key, Object amount) {
            Map<String, Object> row = new HashMap<>();
            row.put(column, amount);
            rows.put(key, row);
            return this;
        }

        @Override
        public Optional<KeyRange> bounds() {
            return rows.isEmpty() ? Optional.empty() : Optional.of(new KeyRange(rows.firstKey(), rows.lastKey() + 1));
        }

        @Override
        public List<RangeChecksum> checksums(List<KeyRange> parts) {
            checksums++;
            for (int i = 1; i < parts.size(); i++) {
                assertThat(parts.get(i).from()).as("parts are contiguous").isEqualTo(parts.get(i - 1).to());
            }
            return parts.stream().map(this::checksum).toList();
        }

        private RangeChecksum checksum(KeyRange range) {
            var slice = rows.subMap(range.from(), range.to());
            BigInteger sum = BigInteger.ZERO;
            for (var entry : slice.entrySet()) {
                sum = sum.add(BigInteger.valueOf((entry.getKey() + "|" + entry.getValue().get(column)).hashCode() & 0x7fffffffL));
            }
            return new RangeChecksum(slice.size(), sum);
        }

        @Override
        public Map<Object, Map<String, Object>> rows(KeyRange range) {
            return new HashMap<>(rows.subMap(range.from(), range.to()));
        }

        @Override
        public Map<Object, Map<String, Object>> rows(Collection<?> keys) {
            Map<Object, Map<String, Object>> found = new HashMap<>();
            keys.forEach(k -> Optional.ofNullable(rows.get((Long) k)).ifPresent(r -> found.put(k, r)));
            return found;
        }
    }

    private static TableInMemory table(String column, int rows) {
        TableInMemory table = new TableInMemory(column);
        for (long key = 1; key <= rows; key++) {
            table.with(key, new BigDecimal(key + ".50"));
        }
        return table;
    }

    @Test
    void agreeingTablesNeedOneGroupedChecksumReadPerSide() throws Exception {
        TableInMemory source = table("amount", 10_000);
        TableInMemory target = table("amount_eur", 10_000);

        BisectionResult result = new Bisection(8, 16, comparer, PAIRS).run(source, target);

        assertThat(result.agrees()).isTrue();
        assertThat(source.checksums).isEqualTo(1);
        assertThat(target.checksums).isEqualTo(1);
        assertThat(result.rangesChecked()).isEqualTo(8);
        assertThat(result.sourceTotal().rows()).isEqualTo(10_000);
        assertThat(result.targetTotal().rows()).isEqualTo(10_000);
        assertThat(result.rowsFetched()).isZero();
    }

    @Test
    void localisesOneCorruptedRowToASmallRangeReadingFewRows() throws Exception {
        TableInMemory source = table("amount", 10_000);
        TableInMemory target = table("amount_eur", 10_000).with(7_321, new BigDecimal("99.00"));

        BisectionResult result = new Bisection(8, 16, comparer, PAIRS).run(source, target);

        assertThat(result.differences()).singleElement().satisfies(d -> {
            assertThat(d.key()).isEqualTo(7_321);
            assertThat(d.comparison().outcome()).isEqualTo(Outcome.MISMATCH);
            assertThat(d.comparison().differences()).singleElement()
                    .satisfies(f -> assertThat(f.field()).isEqualTo("amount"));
        });
        assertThat(result.differingRanges()).singleElement().satisfies(r -> {
            assertThat(r.contains(7_321)).isTrue();
            assertThat(r.width()).isLessThanOrEqualTo(16);
        });
        // log8(10000/16) levels of 8 ranges, one grouped read per level and side: far fewer rows read than the
        // 20000 of a full comparison.
        assertThat(result.rowsFetched()).isLessThanOrEqualTo(32);
        assertThat(result.rangesChecked()).isLessThan(50);
        assertThat(source.checksums).isEqualTo(4);
    }

    @Test
    void findsRowsMissingOnEitherSide() throws Exception {
        TableInMemory source = table("amount", 1_000);
        TableInMemory target = table("amount_eur", 1_000);
        source.rows.remove(10L);
        target.rows.remove(900L);
        target.with(1_500, new BigDecimal("1.00"));

        BisectionResult result = new Bisection(4, 8, comparer, PAIRS).run(source, target);

        assertThat(result.differences()).extracting(RowDifference::key, d -> d.comparison().outcome()).containsExactly(
                org.assertj.core.groups.Tuple.tuple(10L, Outcome.MISSING_IN_SOURCE),
                org.assertj.core.groups.Tuple.tuple(900L, Outcome.MISSING_IN_TARGET),
                org.assertj.core.groups.Tuple.tuple(1_500L, Outcome.MISSING_IN_SOURCE));
    }

    @Test
    void representationNoiseNarrowsToRowsButTheRulesSilenceIt() throws Exception {
        TableInMemory source = table("amount", 100);
        TableInMemory target = table("amount_eur", 100).with(42, new BigDecimal("42.505")); // within 0.01

        BisectionResult result = new Bisection(4, 4, comparer, PAIRS).run(source, target);

        assertThat(result.differingRanges()).isNotEmpty();
        assertThat(result.agrees()).isTrue();
    }

    @Test
    void sumsCompareAsAmounts() {
        RangeChecksum a = new RangeChecksum(2, java.math.BigInteger.TEN, List.of(new BigDecimal("10.50")));

        assertThat(a.agreesWith(new RangeChecksum(2, java.math.BigInteger.TEN, List.of(new BigDecimal("10.5"))))).isTrue();
        assertThat(a.agreesWith(new RangeChecksum(2, java.math.BigInteger.TEN, List.of(new BigDecimal("10.51"))))).isFalse();
        assertThat(a.agreesWith(new RangeChecksum(3, java.math.BigInteger.TEN, List.of(new BigDecimal("10.50"))))).isFalse();
        assertThat(a.agreesWith(new RangeChecksum(2, java.math.BigInteger.ONE, List.of(new BigDecimal("10.50"))))).isFalse();
    }

    @Test
    void differencesInSeveralRangesComeOutInKeyOrderWithTotalsOfTheWholeSpan() throws Exception {
        TableInMemory source = table("amount", 5_000);
        TableInMemory target = table("amount_eur", 5_000)
                .with(4_900, new BigDecimal("1.00")).with(30, new BigDecimal("1.00")).with(2_500, new BigDecimal("1.00"));
        target.rows.remove(1_234L);

        BisectionResult result = new Bisection(8, 16, comparer, PAIRS).run(source, target);

        assertThat(result.differences()).extracting(RowDifference::key).containsExactly(30L, 1_234L, 2_500L, 4_900L);
        assertThat(result.differingRanges()).isSortedAccordingTo(java.util.Comparator.comparingLong(KeyRange::from));
        assertThat(result.sourceTotal().rows()).isEqualTo(5_000);
        assertThat(result.targetTotal().rows()).isEqualTo(4_999);
    }

    @Test
    void sourceChecksumsReadOnAnotherThreadFindTheSameAndPassOnItsFailure() throws Exception {
        TableInMemory source = table("amount", 5_000);
        TableInMemory target = table("amount_eur", 5_000).with(30, new BigDecimal("1.00")).with(4_900, new BigDecimal("1.00"));
        java.util.concurrent.ExecutorService thread = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            Bisection parallel = new Bisection(8, 16, comparer, PAIRS, thread);

            assertThat(parallel.run(source, target).differences()).extracting(RowDifference::key).containsExactly(30L, 4_900L);

            TableInMemory failing = new TableInMemory("amount") {
                @Override
                public List<RangeChecksum> checksums(List<KeyRange> parts) {
                    throw new java.io.UncheckedIOException(new java.io.IOException("connection reset"));
                }
            }.with(1, BigDecimal.ONE);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> parallel.run(failing, target))
                    .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("connection reset");
        } finally {
            thread.shutdownNow();
        }
    }

    @Test
    void totalsAddSumsOfDisjointRanges() {
        RangeChecksum total = RangeChecksum.empty(1)
                .plus(new RangeChecksum(2, BigInteger.TEN, List.of(new BigDecimal("1.50"))))
                .plus(new RangeChecksum(1, BigInteger.ONE, List.of(new BigDecimal("2"))));

        assertThat(total).isEqualTo(new RangeChecksum(3, BigInteger.valueOf(11), List.of(new BigDecimal("3.50"))));
    }

    @Test
    void emptyTablesAgree() throws Exception {
        BisectionResult result = new Bisection(4, 4, comparer, PAIRS).run(new TableInMemory("amount"), new TableInMemory("amount_eur"));

        assertThat(result.agrees()).isTrue();
        assertThat(result.rangesChecked()).isZero();
    }

    /**
     * A text-keyed table placed on the bisection's line by a position function, as {@link KeySpace#TEXT_HASH} places
     * rows by a hash of the key's text in SQL.
     */
    static final class TextTableInMemory implements RangeReader {
        final Map<String, Map<String, Object>> rows = new HashMap<>();
        final String column;
        final java.util.function.ToLongFunction<String> position;

        TextTableInMemory(String column, java.util.function.ToLongFunction<String> position) {
            this.column = column;
            this.position = position;
        }

        TextTableInMemory with(String key, Object amount) {
            Map<String, Object> row = new HashMap<>();
            row.put(column, amount);
            rows.put(key, row);
            return this;
        }

        @Override
        public Optional<KeyRange> bounds() {
            return rows.isEmpty() ? Optional.empty() : Optional.of(KeySpace.HASH_SPAN);
        }

        @Override
        public List<RangeChecksum> checksums(List<KeyRange> parts) {
            return parts.stream().map(range -> {
                Map<Object, Map<String, Object>> slice = rows(range);
                BigInteger sum = BigInteger.ZERO;
                for (var entry : slice.entrySet()) {
                    sum = sum.add(BigInteger.valueOf((entry.getKey() + "|" + entry.getValue().get(column)).hashCode() & 0x7fffffffL));
                }
                return new RangeChecksum(slice.size(), sum);
            }).toList();
        }

        @Override
        public Map<Object, Map<String, Object>> rows(KeyRange range) {
            Map<Object, Map<String, Object>> found = new HashMap<>();
            rows.forEach((key, row) -> {
                if (range.contains(position.applyAsLong(key))) {
                    found.put(key, row);
                }
            });
            return found;
        }

        @Override
        public Map<Object, Map<String, Object>> rows(Collection<?> keys) {
            Map<Object, Map<String, Object>> found = new HashMap<>();
            keys.forEach(k -> Optional.ofNullable(rows.get((String) k)).ifPresent(r -> found.put(k, r)));
            return found;
        }
    }

    /** The first 32 bits of the MD5 of the key's UTF-8 text, as PostgreSQL's position expression computes them. */
    static long md5Position(String key) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("MD5").digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return ((digest[0] & 0xffL) << 24) | ((digest[1] & 0xffL) << 16) | ((digest[2] & 0xffL) << 8) | (digest[3] & 0xffL);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void textKeysAreFoundThroughHashBucketsWithTheBucketTheyWereNarrowedTo() throws Exception {
        TextTableInMemory source = new TextTableInMemory("amount", BisectionTest::md5Position);
        TextTableInMemory target = new TextTableInMemory("amount_eur", BisectionTest::md5Position);
        for (int i = 0; i < 5_000; i++) {
            source.with("POL-" + i, new BigDecimal(i + ".50"));
            target.with("POL-" + i, new BigDecimal(i + ".50"));
        }
        target.with("POL-4711", new BigDecimal("1.00"));
        target.rows.remove("POL-42");
        target.with("ONLY-IN-TARGET", BigDecimal.ONE);

        BisectionResult result = new Bisection(32, 16, comparer, PAIRS).run(source, target);

        assertThat(result.differences()).extracting(RowDifference::rowKey, d -> d.comparison().outcome()).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("POL-4711", Outcome.MISMATCH),
                org.assertj.core.groups.Tuple.tuple("POL-42", Outcome.MISSING_IN_TARGET),
                org.assertj.core.groups.Tuple.tuple("ONLY-IN-TARGET", Outcome.MISSING_IN_SOURCE));
        assertThat(result.differences()).allSatisfy(d -> {
            assertThat(d.range().contains(md5Position(d.rowKey().toString()))).as("%s in its bucket %s", d.rowKey(), d.range()).isTrue();
            assertThat(d.range().width()).isLessThan(KeySpace.HASH_SPAN.width() / 32);
        });
        assertThat(result.differences()).extracting(d -> d.range().from()).isSorted();
        assertThat(result.rowsFetched()).as("only the differing buckets' rows").isLessThan(200);
        assertThat(result.sourceTotal().rows()).isEqualTo(5_000);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> result.differences().get(0).key())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("rowKey()");
    }

    @Test
    void keysSharingAHashBucketAreComparedRowByRowAtTheNarrowestBucket() throws Exception {
        // Every key in one of two positions: buckets cannot separate the keys, the leaf of width 1 compares them all.
        java.util.function.ToLongFunction<String> twoPositions = key -> key.hashCode() & 1;
        TextTableInMemory source = new TextTableInMemory("amount", twoPositions);
        TextTableInMemory target = new TextTableInMemory("amount_eur", twoPositions);
        for (int i = 0; i < 100; i++) {
            source.with("k" + i, BigDecimal.valueOf(i));
            target.with("k" + i, BigDecimal.valueOf(i));
        }
        target.with("k7", BigDecimal.valueOf(700));

        BisectionResult result = new Bisection(4, 8, comparer, PAIRS).run(source, target);

        assertThat(result.differences()).extracting(RowDifference::rowKey).containsExactly("k7");
        assertThat(result.differences().get(0).range().width()).isEqualTo(1);
    }

    @Test
    void compositeKeysCompareColumnByColumn() {
        assertThat(Bisection.compareKeys(List.of("AT", "2"), List.of("DE", "1"))).isNegative();
        assertThat(Bisection.compareKeys(List.of("DE", "1"), List.of("DE", "10"))).isNegative();
        assertThat(Bisection.compareKeys(List.of("DE", "1"), List.of("DE", "1"))).isZero();
        assertThat(Bisection.compareKeys(30L, 4_900L)).isNegative();
        assertThat(Bisection.compareKeys("POL-2", "POL-10")).isPositive();
    }
}
