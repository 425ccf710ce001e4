package dev.strangler.connect.outbox.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.strangler.connect.core.sql.TableName;

class OutboxOffsetsTest {

    @Test
    void positionRoundTripsThroughTheOffsetMap() {
        OutboxPosition position = new OutboxPosition(9_000_000_123L, "0190f5a1-7c1e-7b1e-9d5e-2f1c3b4a5d6e");

        Map<String, Object> offset = OutboxOffsets.offset(position);

        assertThat(offset).containsExactly(Map.entry("xid", 9_000_000_123L), Map.entry("id", "0190f5a1-7c1e-7b1e-9d5e-2f1c3b4a5d6e"));
        assertThat(OutboxOffsets.positionOf(offset)).contains(position);
    }

    @Test
    void integerXidAsTheJsonConverterMayReadItBackIsAccepted() {
        assertThat(OutboxOffsets.positionOf(Map.of("xid", 731, "id", "42"))).contains(new OutboxPosition(731, "42"));
    }

    @Test
    void noOffsetMeansStartFromTheFirstRow() {
        assertThat(OutboxOffsets.positionOf(null)).isEqualTo(Optional.empty());
    }

    static Stream<Arguments> invalidOffsets() {
        return Stream.of(
                Arguments.of(Map.of("id", "1"), "'xid' must be an integer"),
                Arguments.of(Map.of("xid", "731", "id", "1"), "'xid' must be an integer (the row's xid8), got String 731"),
                Arguments.of(Map.of("xid", 7.5, "id", "1"), "'xid' must be an integer"),
                Arguments.of(Map.of("xid", -1L, "id", "1"), "'xid' must not be negative"),
                Arguments.of(Map.of("xid", 731L), "'id' must be a string (the row's id as text), got nothing"),
                Arguments.of(Map.of("xid", 731L, "id", 42), "'id' must be a string"),
                Arguments.of(Map.of("xid", 731L, "id", "1", "lsn", 5L), "exactly the keys 'xid' and 'id'"));
    }

    @ParameterizedTest
    @MethodSource("invalidOffsets")
    void malformedOffsetsAreRejectedNamingTheKey(Map<String, Object> offset, String message) {
        assertThatThrownBy(() -> OutboxOffsets.positionOf(offset))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void partitionNamesTheTable() {
        TableName table = TableName.parse("sales.outbox");

        assertThat(OutboxOffsets.partition(table)).isEqualTo(Map.of("outbox.table", "sales.outbox"));
        assertThat(OutboxOffsets.tableOf(OutboxOffsets.partition(table))).isEqualTo(table);
    }

    @Test
    void foreignPartitionsAreRejected() {
        Map<String, Object> withExtraKey = new HashMap<>(Map.of("outbox.table", "outbox", "server", "x"));
        assertThatThrownBy(() -> OutboxOffsets.tableOf(Map.of("table", "outbox"))).hasMessageContaining("'outbox.table'");
        assertThatThrownBy(() -> OutboxOffsets.tableOf(withExtraKey)).hasMessageContaining("only the key 'outbox.table'");
        assertThatThrownBy(() -> OutboxOffsets.tableOf(Map.of("outbox.table", "a;drop table x"))).hasMessageContaining("not a valid SQL identifier");
    }
}
