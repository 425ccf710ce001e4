package dev.strangler.connect.reconcile.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KeyRangeTest {

    static Stream<Arguments> splits() {
        return Stream.of(
                Arguments.of(new KeyRange(0, 10), 2, List.of(new KeyRange(0, 5), new KeyRange(5, 10))),
                Arguments.of(new KeyRange(0, 10), 3, List.of(new KeyRange(0, 4), new KeyRange(4, 7), new KeyRange(7, 10))),
                Arguments.of(new KeyRange(5, 8), 8, List.of(new KeyRange(5, 6), new KeyRange(6, 7), new KeyRange(7, 8))),
                Arguments.of(new KeyRange(-4, 4), 2, List.of(new KeyRange(-4, 0), new KeyRange(0, 4))),
                Arguments.of(new KeyRange(1, 2), 4, List.of(new KeyRange(1, 2))));
    }

    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("splits")
    void splitsIntoContiguousNearEqualParts(KeyRange range, int parts, List<KeyRange> expected) {
        assertThat(range.split(parts)).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "{0} / {1} covers every key once")
    @MethodSource("splits")
    void partsCoverTheRangeExactly(KeyRange range, int parts, List<KeyRange> ignored) {
        List<KeyRange> split = range.split(parts);
        assertThat(split.get(0).from()).isEqualTo(range.from());
        assertThat(split.get(split.size() - 1).to()).isEqualTo(range.to());
        for (int i = 1; i < split.size(); i++) {
            assertThat(split.get(i).from()).isEqualTo(split.get(i - 1).to());
        }
        assertThat(split.stream().mapToLong(KeyRange::width).sum()).isEqualTo(range.width());
    }

    @Test
    void rejectsEmptyRangesAndSplitsIntoOne() {
        assertThatThrownBy(() -> new KeyRange(3, 3)).hasMessageContaining("empty key range [3, 3)");
        assertThatThrownBy(() -> new KeyRange(0, 10).split(1)).hasMessageContaining("at least 2");
    }

    @Test
    void containsIsHalfOpen() {
        KeyRange range = new KeyRange(10, 20);
        assertThat(range.contains(10)).isTrue();
        assertThat(range.contains(19)).isTrue();
        assertThat(range.contains(20)).isFalse();
        assertThat(range.contains(9)).isFalse();
    }
}
