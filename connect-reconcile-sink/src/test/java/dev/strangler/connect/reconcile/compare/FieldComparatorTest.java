package dev.strangler.connect.reconcile.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FieldComparatorTest {

    private static final ComparisonRules RULES = ComparisonRules.builder()
            .nullEquivalents(Set.of("N/A"))
            .ignoreCase(Set.of("email"))
            .absoluteTolerance(Map.of("premium", new BigDecimal("0.01")))
            .relativeTolerance(Map.of("rate", new BigDecimal("0.001")))
            .decimalScale(Map.of("amount", 2))
            .precision(Map.of("updated_at", TimestampPrecision.MILLIS))
            .skew(Map.of("seen_at", Duration.ofSeconds(2)))
            .enumEquivalence(Map.of("status", Map.of("A", "ACTIVE", "I", "INACTIVE"), "flag", Map.of("true", "Y", "false", "N")))
            .build();

    private static final Instant T = Instant.parse("2026-03-01T10:15:30.123456Z");

    static Stream<Arguments> cases() {
        return Stream.of(
                // field, source, target, equal
                Arguments.of("name", "Smith", "Smith", true),
                Arguments.of("name", "Smith", "Smyth", false),
                Arguments.of("name", "Smith  ", " Smith", true), // CHAR padding: trimmed by default
                Arguments.of("name", "Smith", "smith", false), // case matters unless the field ignores it
                Arguments.of("email", "A@X.ORG", "a@x.org", true),
                Arguments.of("name", "", null, true), // blank equals null (Oracle '' is NULL)
                Arguments.of("name", "   ", null, true),
                Arguments.of("name", "N/A", null, true), // configured null equivalent
                Arguments.of("name", "x", null, false),
                Arguments.of("name", null, "x", false),
                Arguments.of("name", null, null, true),
                // numbers of different Java types and scales are the same amount
                Arguments.of("count", 42, 42L, true),
                Arguments.of("count", 42, new BigDecimal("42.000"), true),
                Arguments.of("count", (short) 7, 8, false),
                Arguments.of("price", new BigDecimal("1.50"), new BigDecimal("1.5"), true),
                Arguments.of("price", 0.1f, new BigDecimal("0.1"), true), // float's own decimal, not widened noise
                Arguments.of("price", 0.1d, new BigDecimal("0.10"), true),
                Arguments.of("price", new BigDecimal("1.50"), new BigDecimal("1.51"), false),
                // absolute tolerance: inclusive bound
                Arguments.of("premium", new BigDecimal("100.00"), new BigDecimal("100.01"), true),
                Arguments.of("premium", new BigDecimal("100.00"), 99.995d, true),
                Arguments.of("premium", new BigDecimal("100.00"), new BigDecimal("100.02"), false),
                // relative tolerance: 0.1 % of the larger magnitude
                Arguments.of("rate", 1000, 1001, true),
                Arguments.of("rate", 1000, 1002, false),
                Arguments.of("rate", 0, 0.0000001d, false),
                // scale alignment rounds half-even before comparing
                Arguments.of("amount", new BigDecimal("10.005"), new BigDecimal("10.00"), true),
                Arguments.of("amount", new BigDecimal("10.015"), new BigDecimal("10.02"), true),
                Arguments.of("amount", 10.0049999d, new BigDecimal("10.00"), true),
                Arguments.of("amount", new BigDecimal("10.006"), new BigDecimal("10.00"), false),
                // timestamps: every representation of the same instant is equal
                Arguments.of("at", T, Timestamp.from(T), true),
                Arguments.of("at", T, OffsetDateTime.ofInstant(T, ZoneOffset.ofHours(2)), true),
                Arguments.of("at", T, LocalDateTime.ofInstant(T, ZoneOffset.UTC), true),
                Arguments.of("at", java.util.Date.from(T.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)), T, false),
                Arguments.of("at", T, T.plusNanos(1000), false),
                // precision truncates both sides
                Arguments.of("updated_at", T, T.truncatedTo(java.time.temporal.ChronoUnit.MILLIS), true),
                Arguments.of("updated_at", T, T.plusMillis(1), false),
                // skew: at most 2 s apart
                Arguments.of("seen_at", T, T.plusSeconds(2), true),
                Arguments.of("seen_at", T, T.minusSeconds(2), true),
                Arguments.of("seen_at", T, T.plusMillis(2001), false),
                // dates
                Arguments.of("born", LocalDate.of(1980, 5, 1), java.sql.Date.valueOf("1980-05-01"), true),
                Arguments.of("born", LocalDate.of(1980, 5, 1), LocalDate.of(1980, 5, 2), false),
                Arguments.of("born", LocalDate.of(1980, 5, 1), LocalDateTime.of(1980, 5, 1, 0, 0), true),
                // enum codes of the legacy system mapped to the new one
                Arguments.of("status", "A", "ACTIVE", true),
                Arguments.of("status", "I", "ACTIVE", false),
                Arguments.of("status", "ACTIVE", "ACTIVE", true), // unmapped codes compare as they are
                Arguments.of("flag", true, "Y", true),
                Arguments.of("flag", false, "Y", false),
                // coercion between kinds
                Arguments.of("active", true, 1, true), // NUMBER(1) flag against a boolean
                Arguments.of("active", false, 1, false),
                Arguments.of("code", "0042", 42, true),
                Arguments.of("code", "abc", 42, false),
                Arguments.of("at", "2026-03-01T10:15:30.123456Z", T, true),
                Arguments.of("bytes", new byte[] {1, 2}, new byte[] {1, 2}, true),
                Arguments.of("bytes", new byte[] {1, 2}, new byte[] {1, 3}, false));
    }

    @ParameterizedTest(name = "[{index}] {0}: {1} vs {2} -> equal={3}")
    @MethodSource("cases")
    void comparesUnderTheFieldRule(String field, Object source, Object target, boolean equal) {
        FieldComparator.Verdict verdict = new FieldComparator(RULES).compare(field, source, target);

        assertThat(verdict.equal()).as(verdict.reason().orElse("equal")).isEqualTo(equal);
    }

    static Stream<Arguments> reasons() {
        return Stream.of(
                Arguments.of("premium", new BigDecimal("100"), new BigDecimal("100.05"), "values differ by 0.05, beyond tolerance absolute 0.01"),
                Arguments.of("price", 1, 2, "values differ by 1"),
                Arguments.of("seen_at", T, T.plusSeconds(3), "timestamps differ by PT3S, beyond skew PT2S"),
                Arguments.of("name", "x", null, "null in target"),
                Arguments.of("name", null, "x", "null in source"),
                Arguments.of("flag2", true, LocalDate.of(2020, 1, 1), "different kinds of value (boolean vs date)"));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {3}")
    @MethodSource("reasons")
    void explainsADifference(String field, Object source, Object target, String reason) {
        assertThat(new FieldComparator(RULES).compare(field, source, target).reason()).contains(reason);
    }

    @ParameterizedTest(name = "trim={0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void trimmingCanBeSwitchedOff(boolean trim) {
        ComparisonRules rules = ComparisonRules.builder().trim(trim).build();

        assertThat(new FieldComparator(rules).compare("name", "Smith ", "Smith").equal()).isEqualTo(trim);
    }

    @ParameterizedTest(name = "blankIsNull={0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void blankEqualsNullOnlyWhenConfigured(boolean blankIsNull) {
        ComparisonRules rules = ComparisonRules.builder().blankIsNull(blankIsNull).build();

        assertThat(new FieldComparator(rules).compare("name", "", null).equal()).isEqualTo(blankIsNull);
    }
}
