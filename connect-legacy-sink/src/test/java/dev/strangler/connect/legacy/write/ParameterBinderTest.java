package dev.strangler.connect.legacy.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.strangler.connect.core.sql.PostgresDialect;

class ParameterBinderTest {

    private static final Instant AT = Instant.parse("2027-03-01T08:15:30.123456Z");

    static Stream<Arguments> temporalValues() {
        return Stream.of(
                Arguments.of(AT),
                Arguments.of(Date.from(AT.truncatedTo(java.time.temporal.ChronoUnit.MILLIS))),
                Arguments.of(ZonedDateTime.ofInstant(AT, ZoneId.of("Europe/Berlin"))));
    }

    /** Connect Timestamps and the plan's event times reach the binder as Instant or Date; drivers take OffsetDateTime. */
    @ParameterizedTest
    @MethodSource("temporalValues")
    void instantsAndDatesAreBoundAsOffsetDateTimes(Object value) throws Exception {
        List<Object> bound = new ArrayList<>();
        PreparedStatement statement = (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    if (method.getName().equals("setObject")) {
                        bound.add(args[1]);
                    }
                    return null;
                });

        new ParameterBinder(PostgresDialect.INSTANCE).bind(statement, 1, value);

        assertThat(bound).singleElement().isInstanceOf(OffsetDateTime.class);
        OffsetDateTime time = (OffsetDateTime) bound.get(0);
        assertThat(time.toInstant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS))
                .isEqualTo(AT.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        if (!(value instanceof ZonedDateTime)) {
            assertThat(time.getOffset()).isEqualTo(ZoneOffset.UTC);
        }
    }

    static Stream<Arguments> scalars() {
        return Stream.of(
                Arguments.of(7L, "setLong", 7L),
                Arguments.of(7, "setInt", 7),
                Arguments.of(new java.math.BigDecimal("7.50"), "setBigDecimal", new java.math.BigDecimal("7.50")),
                Arguments.of(new java.math.BigInteger("12345678901234567890"), "setBigDecimal", new java.math.BigDecimal("12345678901234567890")),
                Arguments.of(7.5d, "setDouble", 7.5d),
                Arguments.of(true, "setBoolean", true),
                Arguments.of((short) 7, "setObject", (short) 7));
    }

    /** Scalars go through the typed setter the driver's setObject would end in. */
    @ParameterizedTest
    @MethodSource("scalars")
    void scalarsUseTheTypedSetters(Object value, String setter, Object expected) throws Exception {
        List<String> calls = new ArrayList<>();
        List<Object> bound = new ArrayList<>();
        PreparedStatement statement = (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    calls.add(method.getName());
                    bound.add(args[1]);
                    return null;
                });

        new ParameterBinder(PostgresDialect.INSTANCE).bind(statement, 1, value);

        assertThat(calls).containsExactly(setter);
        assertThat(bound).containsExactly(expected);
    }
}
