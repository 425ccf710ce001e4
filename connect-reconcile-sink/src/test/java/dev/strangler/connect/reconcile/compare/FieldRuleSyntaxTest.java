package dev.strangler.connect.reconcile.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FieldRuleSyntaxTest {

    @Test
    void parsesEachKindOfValue() {
        assertThat(FieldRuleSyntax.perField(List.of("premium:0.01", " tax : 0.5 "), "amount", FieldRuleSyntax::nonNegativeDecimal))
                .containsExactly(Map.entry("premium", new BigDecimal("0.01")), Map.entry("tax", new BigDecimal("0.5")));
        assertThat(FieldRuleSyntax.perField(List.of("at:PT2S", "seen:1500"), "duration", FieldRuleSyntax::duration))
                .containsExactly(Map.entry("at", Duration.ofSeconds(2)), Map.entry("seen", Duration.ofMillis(1500)));
        assertThat(FieldRuleSyntax.perField(List.of("at:Millis"), "precision", FieldRuleSyntax::precision))
                .containsExactly(Map.entry("at", TimestampPrecision.MILLIS));
        assertThat(FieldRuleSyntax.perField(List.of("amount:2"), "scale", FieldRuleSyntax::scale))
                .containsExactly(Map.entry("amount", 2));
        assertThat(FieldRuleSyntax.perField(List.of("status:A=ACTIVE|I = INACTIVE"), "codes", FieldRuleSyntax::enumCodes))
                .containsExactly(Map.entry("status", Map.of("A", "ACTIVE", "I", "INACTIVE")));
    }

    static Stream<Arguments> invalidEntries() {
        Function<String, ?> decimal = FieldRuleSyntax::nonNegativeDecimal;
        Function<String, ?> duration = FieldRuleSyntax::duration;
        Function<String, ?> scale = FieldRuleSyntax::scale;
        Function<String, ?> precision = FieldRuleSyntax::precision;
        Function<String, ?> codes = FieldRuleSyntax::enumCodes;
        return Stream.of(
                Arguments.of(List.of("premium"), decimal, "entry 'premium' is not field:value"),
                Arguments.of(List.of(":0.1"), decimal, "entry ':0.1' is not field:value"),
                Arguments.of(List.of("premium:"), decimal, "entry 'premium:' is not field:value"),
                Arguments.of(List.of("premium:abc"), decimal, "entry 'premium:abc': 'abc' is not a decimal number"),
                Arguments.of(List.of("premium:-1"), decimal, "entry 'premium:-1': '-1' is negative"),
                Arguments.of(List.of("a:1", "a:2"), decimal, "field 'a' appears twice"),
                Arguments.of(List.of("at:2 seconds"), duration, "is neither an ISO-8601 duration"),
                Arguments.of(List.of("at:-PT1S"), duration, "'-PT1S' is negative"),
                Arguments.of(List.of("amount:39"), scale, "scale 39 is outside 0..38"),
                Arguments.of(List.of("amount:x"), scale, "'x' is not an integer scale"),
                Arguments.of(List.of("at:nanos"), precision, "'nanos' is not one of seconds, millis, micros"),
                Arguments.of(List.of("status:A"), codes, "'A' is not sourceCode=targetCode"),
                Arguments.of(List.of("status:A=X|A=Y"), codes, "source code 'A' appears twice"));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {2}")
    @MethodSource("invalidEntries")
    void rejectsAnEntryNamingIt(List<String> entries, Function<String, ?> parser, String message) {
        assertThatThrownBy(() -> FieldRuleSyntax.perField(entries, "value", parser))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
