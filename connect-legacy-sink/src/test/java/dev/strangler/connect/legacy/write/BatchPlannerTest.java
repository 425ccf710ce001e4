package dev.strangler.connect.legacy.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.strangler.connect.core.sql.SqlIdentifier;
import dev.strangler.connect.core.sql.TableName;
import dev.strangler.connect.core.sql.WriteShape;
import dev.strangler.connect.legacy.guard.GuardVersion;
import dev.strangler.connect.legacy.write.BatchPlanner.BatchPlan;
import dev.strangler.connect.legacy.write.BatchPlanner.PendingWrite;

class BatchPlannerTest {

    private static final SqlIdentifier ID = SqlIdentifier.of("id");
    private static final SqlIdentifier STATUS = SqlIdentifier.of("status");
    private static final SqlIdentifier NAME = SqlIdentifier.of("name");
    private static final SqlIdentifier VERSION = SqlIdentifier.of("v");
    private static final TableName POLICY = TableName.parse("policy");

    private static final WriteShape GUARDED_STATUS = WriteShape.of(POLICY, List.of(ID), List.of(STATUS, VERSION)).guardedBy(VERSION);
    private static final WriteShape GUARDED_NAME = WriteShape.of(POLICY, List.of(ID), List.of(NAME, VERSION)).guardedBy(VERSION);
    private static final WriteShape UNGUARDED = WriteShape.of(POLICY, List.of(ID), List.of(STATUS));
    private static final WriteShape GUARDED_DELETE = WriteShape.of(POLICY, List.of(ID), List.of(VERSION)).guardedBy(VERSION);

    private static PendingWrite guarded(int event, WriteShape shape, WriteMode mode, Object id, Object version) {
        Map<SqlIdentifier, Object> values = new LinkedHashMap<>();
        for (SqlIdentifier column : shape.allColumns()) {
            values.put(column, column.equals(ID) ? id : column.equals(VERSION) ? version : "e" + event);
        }
        return new PendingWrite(event, new RowWrite(shape, mode, values, Optional.of(GuardVersion.of(version))));
    }

    private static PendingWrite unguarded(int event, WriteMode mode, Object id) {
        return new PendingWrite(event, new RowWrite(UNGUARDED, mode, Map.of(ID, id, STATUS, "e" + event), Optional.empty()));
    }

    /** The events whose writes are sent, group by group. */
    private static List<List<Integer>> sentEvents(BatchPlan plan) {
        List<List<Integer>> groups = new ArrayList<>();
        plan.groups().forEach(g -> groups.add(g.writes().stream().map(PendingWrite::event).toList()));
        return groups;
    }

    static Stream<Arguments> reductions() {
        return Stream.of(
                Arguments.of("guarded: newest version wins whatever the arrival order",
                        List.of(guarded(0, GUARDED_STATUS, WriteMode.UPSERT, 1, 5L), guarded(1, GUARDED_STATUS, WriteMode.UPSERT, 1, 3L),
                                guarded(2, GUARDED_STATUS, WriteMode.UPSERT, 1, 4L)),
                        List.of(List.of(0)), List.of(1, 2), List.of()),
                Arguments.of("guarded: a newer write supersedes an older one",
                        List.of(guarded(0, GUARDED_STATUS, WriteMode.UPSERT, 1, 3L), guarded(1, GUARDED_STATUS, WriteMode.UPSERT, 1, 5L)),
                        List.of(List.of(1)), List.of(), List.of(0)),
                Arguments.of("guarded: an exact duplicate is stale",
                        List.of(guarded(0, GUARDED_STATUS, WriteMode.UPSERT, 1, 5L), guarded(1, GUARDED_STATUS, WriteMode.UPSERT, 1, 5L)),
                        List.of(List.of(0)), List.of(1), List.of()),
                Arguments.of("guarded: numbers of different Java types compare by value",
                        List.of(guarded(0, GUARDED_STATUS, WriteMode.UPSERT, 1L, 5), guarded(1, GUARDED_STATUS, WriteMode.UPSERT, 1, 5L)),
                        List.of(List.of(0)), List.of(1), List.of()),
                Arguments.of("guarded: versions that cannot be ordered are both sent, in order",
                        List.of(guarded(0, GUARDED_STATUS, WriteMode.UPSERT, 1, 5L), guarded(1, GUARDED_STATUS, WriteMode.UPSERT, 1, "5")),
                        List.of(List.of(0), List.of(1)), List.of(), List.of()),
                Arguments.of("different rows share one group",
                        List.of(guarded(0, GUARDED_STATUS, WriteMode.UPSERT, 1, 1L), guarded(1, GUARDED_STATUS, WriteMode.UPSERT, 2, 1L),
                                guarded(2, GUARDED_STATUS, WriteMode.UPSERT, 3, 1L)),
                        List.of(List.of(0, 1, 2)), List.of(), List.of()),
                Arguments.of("writes of other columns of the same row are never merged and keep their order",
                        List.of(guarded(0, GUARDED_STATUS, WriteMode.UPSERT, 1, 5L), guarded(1, GUARDED_NAME, WriteMode.UPSERT, 1, 6L),
                                guarded(2, GUARDED_STATUS, WriteMode.UPSERT, 1, 7L)),
                        List.of(List.of(0), List.of(1), List.of(2)), List.of(), List.of()),
                Arguments.of("another row's write of a different shape does not split a group",
                        List.of(guarded(0, GUARDED_STATUS, WriteMode.UPSERT, 1, 5L), guarded(1, GUARDED_NAME, WriteMode.UPSERT, 2, 6L),
                                guarded(2, GUARDED_STATUS, WriteMode.UPSERT, 3, 7L)),
                        List.of(List.of(0, 2), List.of(1)), List.of(), List.of()),
                Arguments.of("upsert, delete, upsert of one row stay in order",
                        List.of(guarded(0, GUARDED_STATUS, WriteMode.UPSERT, 1, 1L), guarded(1, GUARDED_DELETE, WriteMode.DELETE, 1, 2L),
                                guarded(2, GUARDED_STATUS, WriteMode.UPSERT, 1, 3L)),
                        List.of(List.of(0), List.of(1), List.of(2)), List.of(), List.of()),
                Arguments.of("unguarded upsert: the last write wins",
                        List.of(unguarded(0, WriteMode.UPSERT, 1), unguarded(1, WriteMode.UPSERT, 1)),
                        List.of(List.of(1)), List.of(), List.of(0)),
                Arguments.of("insert if absent: the first write wins",
                        List.of(unguarded(0, WriteMode.INSERT, 1), unguarded(1, WriteMode.INSERT, 1)),
                        List.of(List.of(0)), List.of(1), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reductions")
    void reducesPerRowOnlyWhereTheResultIsUnchanged(String description, List<PendingWrite> writes, List<List<Integer>> groups,
                                                    List<Integer> stale, List<Integer> superseded) {
        BatchPlan plan = BatchPlanner.plan(writes);
        assertThat(sentEvents(plan)).isEqualTo(groups);
        assertThat(plan.stale()).extracting(PendingWrite::event).containsExactlyElementsOf(stale);
        assertThat(plan.superseded()).extracting(PendingWrite::event).containsExactlyElementsOf(superseded);
        assertThat(plan.rowCount() + plan.stale().size() + plan.superseded().size()).isEqualTo(writes.size());
    }

    private static final TableName LINE = TableName.parse("policy_line");
    private static final SqlIdentifier LINE_NO = SqlIdentifier.of("line_no");
    private static final WriteShape CLEAR_LINES = WriteShape.of(LINE, List.of(ID), List.of(VERSION)).guardedBy(VERSION);
    private static final WriteShape LINES = WriteShape.of(LINE, List.of(ID, LINE_NO), List.of(STATUS, VERSION)).guardedBy(VERSION);

    private static PendingWrite clear(int event, Object id, long version) {
        return new PendingWrite(event, new RowWrite(CLEAR_LINES, WriteMode.CLEAR_OLDER_ROWS, Map.of(ID, id, VERSION, version),
                Optional.of(GuardVersion.of(version))));
    }

    private static PendingWrite line(int event, Object id, int lineNo, long version) {
        return new PendingWrite(event, new RowWrite(LINES, WriteMode.UPSERT, Map.of(ID, id, LINE_NO, lineNo, STATUS, "e" + event,
                VERSION, version), Optional.of(GuardVersion.of(version)), List.of(ID)));
    }

    @Test
    void detailRowsOfAReplacedSetStayBetweenTheirOwnClearingAndTheNextOne() {
        BatchPlan plan = BatchPlanner.plan(List.of(
                clear(0, "P", 1), line(0, "P", 1, 1), line(0, "P", 2, 1),
                clear(1, "Q", 1), line(1, "Q", 1, 1),
                clear(2, "P", 2), line(2, "P", 1, 2)));

        assertThat(plan.groups()).extracting(g -> g.mode() + " " + g.writes().stream().map(w -> w.event() + ":" + w.write().key()).toList())
                .containsExactly(
                        "CLEAR_OLDER_ROWS [0:[P], 1:[Q]]",
                        "UPSERT [0:[P, 1], 0:[P, 2], 1:[Q, 1]]",
                        "CLEAR_OLDER_ROWS [2:[P]]",
                        "UPSERT [2:[P, 1]]");
        assertThat(plan.stale()).isEmpty();
        assertThat(plan.superseded()).isEmpty();
    }

    @Test
    void neverSendsTheSameRowTwiceInOneGroup() {
        List<PendingWrite> writes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            writes.add(guarded(i, GUARDED_STATUS, WriteMode.UPSERT, i % 7, (long) ((i * 37) % 101)));
        }
        BatchPlan plan = BatchPlanner.plan(writes);
        plan.groups().forEach(group -> assertThat(group.writes().stream().map(w -> w.write().key()).distinct().count())
                .isEqualTo(group.writes().size()));
        // Each of the 7 rows keeps exactly its newest version.
        assertThat(plan.groups()).hasSize(1);
        for (PendingWrite kept : plan.groups().get(0).writes()) {
            Object id = kept.write().key().get(0);
            long newest = writes.stream().filter(w -> w.write().key().get(0).equals(id))
                    .mapToLong(w -> (Long) w.write().value(VERSION)).max().orElseThrow();
            assertThat(kept.write().value(VERSION)).isEqualTo(newest);
        }
    }

    static Stream<Arguments> sameKeys() {
        return Stream.of(
                Arguments.of(7, 7L),
                Arguments.of((short) 7, new java.math.BigDecimal("7.00")),
                Arguments.of(7.0, java.math.BigInteger.valueOf(7)),
                Arguments.of(70L, new java.math.BigDecimal("7E+1")),
                Arguments.of(7.5, new java.math.BigDecimal("7.50")),
                Arguments.of(new java.math.BigInteger("123456789012345678901234567890"), new java.math.BigDecimal("123456789012345678901234567890.0")),
                Arguments.of(0, java.math.BigDecimal.ZERO.setScale(3)));
    }

    @ParameterizedTest
    @MethodSource("sameKeys")
    void keysThatTheDatabaseComparesEqualAreTheSameRow(Object one, Object other) {
        assertThat(BatchPlanner.normalised(java.util.Arrays.asList(one, "x")))
                .isEqualTo(BatchPlanner.normalised(java.util.Arrays.asList(other, "x")));
        assertThat(BatchPlanner.normalised(java.util.Collections.singletonList(one)))
                .isEqualTo(BatchPlanner.normalised(java.util.Collections.singletonList(other)));
    }

    @Test
    void differentNumbersStayDifferentKeys() {
        assertThat(BatchPlanner.normalised(List.of(7L))).isNotEqualTo(BatchPlanner.normalised(List.of(7.5)));
        assertThat(BatchPlanner.normalised(List.of(Long.MAX_VALUE)))
                .isNotEqualTo(BatchPlanner.normalised(List.of(new java.math.BigDecimal(Long.MAX_VALUE).add(java.math.BigDecimal.ONE))));
    }
}
