package dev.strangler.connect.legacy.write;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.strangler.connect.core.sql.SqlIdentifier;
import dev.strangler.connect.core.sql.TableName;
import dev.strangler.connect.core.sql.WriteShape;
import dev.strangler.connect.legacy.guard.ReductionRule;
import dev.strangler.connect.legacy.guard.VersionGuard;
import dev.strangler.connect.legacy.guard.VersionGuard.Reduction;

/**
 * Turns the row writes of one put batch, in record order, into statement groups (one statement shape and mode
 * each) that can be executed as batches without changing the result of applying the writes one by one.
 *
 * <ul>
 *   <li>A write joins the latest group of its shape unless a later group (of another shape) already wrote the
 *       same row: then it opens a new group, so every row sees its writes in record order.</li>
 *   <li>Two writes of the same row in one group are reduced to one by {@link VersionGuard}: per row and shape,
 *       never across shapes.</li>
 *   <li>A detail row of a set its event replaces is also ordered after that set's clearing delete (and before
 *       the next event's), as if the set were a row.</li>
 *   <li>Groups run in the order they were opened, so a header table listed before its detail table in the
 *       mapping is written first (foreign keys).</li>
 * </ul>
 */
public final class BatchPlanner {

    private BatchPlanner() {
    }

    /** A row write and the index of the event (record) in the batch it came from. */
    public record PendingWrite(int event, RowWrite write) {
    }

    /** Writes of one shape and mode, at most one per row, executed together. */
    public record StatementGroup(WriteShape shape, WriteMode mode, List<PendingWrite> writes) {
    }

    /**
     * @param groups     what to execute, in order
     * @param stale      writes dropped because a write of the same row in the batch makes them ineffective
     *                   (older, duplicate, or insert of a row inserted earlier in the batch)
     * @param superseded writes dropped because a later write of the same row overwrites them
     */
    public record BatchPlan(List<StatementGroup> groups, List<PendingWrite> stale, List<PendingWrite> superseded) {
        public int rowCount() {
            return groups.stream().mapToInt(group -> group.writes().size()).sum();
        }
    }

    public static BatchPlan plan(List<PendingWrite> writes) {
        List<Group> groups = new ArrayList<>();
        Map<GroupKey, Group> latestGroupOfShape = new HashMap<>();
        Map<RowIdentity, Integer> lastGroupOfRow = new HashMap<>();
        List<PendingWrite> stale = new ArrayList<>();
        List<PendingWrite> superseded = new ArrayList<>();

        for (PendingWrite pending : writes) {
            RowWrite write = pending.write();
            GroupKey groupKey = new GroupKey(write.shape(), write.mode());
            boolean keyed = !write.shape().keyColumns().isEmpty();
            RowIdentity row = keyed ? new RowIdentity(write.shape().table(), write.shape().keyColumns(), normalised(write.key())) : null;
            // A detail row of a replaced set must also stay after its set's clearing delete (and before the next one).
            RowIdentity rowSet = write.rowSetColumns().isEmpty() ? null
                    : new RowIdentity(write.shape().table(), write.rowSetColumns(), normalised(write.rowSetKey()));

            Group group = latestGroupOfShape.get(groupKey);
            if (group == null || laterThan(lastGroupOfRow.get(row), group) || laterThan(lastGroupOfRow.get(rowSet), group)) {
                group = openGroup(groups, latestGroupOfShape, groupKey);
            }
            if (row != null) {
                PendingWrite existing = group.byRow.get(row);
                if (existing != null) {
                    Reduction reduction = VersionGuard.reduce(ruleFor(write), existing.write().version(), write.version());
                    switch (reduction) {
                        case INCOMING_IS_STALE -> {
                            stale.add(pending);
                            continue;
                        }
                        case EXISTING_IS_SUPERSEDED -> {
                            superseded.add(existing);
                            group.replace(row, pending);
                            continue;
                        }
                        case NOT_REDUCIBLE -> group = openGroup(groups, latestGroupOfShape, groupKey);
                    }
                }
                lastGroupOfRow.put(row, group.index);
            }
            if (rowSet != null) {
                lastGroupOfRow.put(rowSet, group.index);
            }
            group.add(row, pending);
        }

        List<StatementGroup> result = new ArrayList<>(groups.size());
        for (Group group : groups) {
            result.add(new StatementGroup(group.key.shape(), group.key.mode(), List.copyOf(group.writes)));
        }
        return new BatchPlan(List.copyOf(result), List.copyOf(stale), List.copyOf(superseded));
    }

    private static boolean laterThan(Integer groupIndex, Group group) {
        return groupIndex != null && groupIndex > group.index;
    }

    static ReductionRule ruleFor(RowWrite write) {
        if (write.mode() == WriteMode.INSERT) {
            return ReductionRule.FIRST_WINS;
        }
        if (write.shape().guarded()) {
            return ReductionRule.NEWEST_WINS;
        }
        return write.mode() == WriteMode.DELETE || write.mode() == WriteMode.CLEAR_OLDER_ROWS
                ? ReductionRule.FIRST_WINS : ReductionRule.LAST_WINS;
    }

    private static Group openGroup(List<Group> groups, Map<GroupKey, Group> latest, GroupKey key) {
        Group group = new Group(groups.size(), key);
        groups.add(group);
        latest.put(key, group);
        return group;
    }

    /**
     * Key values compared as the database compares them: 7, 7L, 7.0 and 7.00 are the same key. Whole numbers that
     * fit a long become a {@code Long} (the common case, without the decimal arithmetic), others a
     * {@code BigDecimal} without trailing zeros.
     */
    static List<Object> normalised(List<Object> key) {
        if (key.size() == 1) {
            return java.util.Collections.singletonList(normalisedPart(key.get(0)));
        }
        List<Object> normalised = new ArrayList<>(key.size());
        for (Object part : key) {
            normalised.add(normalisedPart(part));
        }
        return normalised;
    }

    private static Object normalisedPart(Object part) {
        if (part instanceof Long || part instanceof Integer || part instanceof Short || part instanceof Byte) {
            return ((Number) part).longValue();
        }
        if (part instanceof BigDecimal decimal) {
            return normalisedDecimal(decimal);
        }
        if (part instanceof BigInteger integer) {
            return integer.bitLength() < 64 ? (Object) integer.longValue() : normalisedDecimal(new BigDecimal(integer));
        }
        if (part instanceof Number number) {
            return normalisedDecimal(new BigDecimal(number.toString()));
        }
        return part;
    }

    private static Object normalisedDecimal(BigDecimal decimal) {
        BigDecimal stripped = decimal.stripTrailingZeros();
        if (stripped.scale() <= 0 && stripped.precision() - stripped.scale() <= 18) {
            return stripped.longValueExact();
        }
        return stripped;
    }

    private record GroupKey(WriteShape shape, WriteMode mode) {
    }

    /** A row, or a set of rows, of a table: the values of some of its key columns. */
    private record RowIdentity(TableName table, List<SqlIdentifier> columns, List<Object> key) {
    }

    private static final class Group {
        final int index;
        final GroupKey key;
        final List<PendingWrite> writes = new ArrayList<>();
        final Map<RowIdentity, PendingWrite> byRow = new HashMap<>();
        final Map<RowIdentity, Integer> positionOfRow = new HashMap<>();

        Group(int index, GroupKey key) {
            this.index = index;
            this.key = key;
        }

        void add(RowIdentity row, PendingWrite write) {
            if (row != null) {
                byRow.put(row, write);
                positionOfRow.put(row, writes.size());
            }
            writes.add(write);
        }

        void replace(RowIdentity row, PendingWrite incoming) {
            writes.set(positionOfRow.get(row), incoming);
            byRow.put(row, incoming);
        }
    }
}
