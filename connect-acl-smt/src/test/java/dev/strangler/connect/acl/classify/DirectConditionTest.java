package dev.strangler.connect.acl.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelVariableResolver;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link DirectCondition} against CEL itself: on every condition and record below, wherever the direct evaluation
 * decides, CEL gives the same answer (and no error); where they could differ it must leave the answer to CEL.
 */
class DirectConditionTest {

    private static final List<String> CONDITIONS = List.of(
            "value.tx_code == 'END' && value.approved",
            "value.tx_code == 'END' || value.approved",
            "value.approved && value.tx_code == 'END'",
            "!value.approved || value.tx_code != 'COR'",
            "value.tx_code in ['COR', 'FIX']",
            "value.count in [1, 2, 3]",
            "value.count == 2",
            "value.count != 2",
            "value.amount == 2",
            "value.status == 'LAPSED'",
            "has(value.status) && value.status == 'LAPSED'",
            "!has(value.status) || value.status == 'LAPSED'",
            "value.address.city == 'Berlin'",
            "key.policy_no == 'P-1'",
            "topic == 'legacy.policy' && headers['acl.event.type'] == 'Changed'",
            "headers['acl.missing'] == 'x' && false",
            "false && value.nothing == 'x'",
            "value.nothing == 'x' && false",
            "true || value.nothing == 'x'",
            "value.nothing == 'x' || true",
            "value.flag == true",
            "value.flag && true");

    private static final List<Map<String, Object>> VALUES = List.of(
            Map.of("tx_code", "END", "approved", true, "count", 2L, "amount", 2.0, "status", "LAPSED", "flag", true,
                    "address", Map.of("city", "Berlin")),
            Map.of("tx_code", "COR", "approved", false, "count", 5L, "amount", 2.5, "flag", "Y"),
            Map.of("tx_code", "END", "approved", "N", "count", "2", "status", 3L, "address", Map.of()),
            Map.of("tx_code", 1L, "approved", false),
            Map.of());

    static Stream<Arguments> conditionsAndRecords() {
        return CONDITIONS.stream().flatMap(condition -> VALUES.stream().map(value -> Arguments.of(condition, value)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("conditionsAndRecords")
    void decidesOnlyWhereCelAgrees(String expression, Map<String, Object> value) throws CelEvaluationException {
        CelCondition condition = CelCondition.compile(expression);
        DirectCondition direct = condition.direct().orElseThrow(() -> new AssertionError("not of the direct shape: " + expression));
        CelVariableResolver variables = variables(value);

        Boolean decided = direct.test(variables);

        if (decided != null) {
            assertThat(condition.testWithCel(variables)).as("CEL's answer").isEqualTo(decided);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "value.tx_code == 'END' && value.approved",
            "value.tx_code in ['COR', 'FIX'] || value.count == 2",
            "has(value.status) && value.status == 'LAPSED'",
            "topic == 'legacy.policy' && headers['acl.event.type'] == 'Changed'",
    })
    void decidesTheCommonShapeOnWellTypedRecords(String expression) {
        assertThat(CelCondition.compile(expression).direct().orElseThrow().test(variables(VALUES.get(0)))).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "size(value) > 2",
            "value.count > 1",
            "value.tx_code.startsWith('E')",
            "value.amount == 2.0",
            "value.items.exists(i, i == 'x')",
            "value.tx_code in [value.other]",
            "value.note == null",
    })
    void leavesOtherShapesToCel(String expression) {
        assertThat(CelCondition.compile(expression).direct()).isEmpty();
    }

    private static CelVariableResolver variables(Map<String, Object> value) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(CelVariables.VALUE, value);
        variables.put(CelVariables.KEY, Map.of("policy_no", "P-1"));
        variables.put(CelVariables.HEADERS, Map.of("acl.event.type", "Changed"));
        variables.put(CelVariables.TOPIC, "legacy.policy");
        return name -> Optional.ofNullable(variables.get(name));
    }
}
