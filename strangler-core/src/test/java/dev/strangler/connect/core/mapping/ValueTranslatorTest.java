package dev.strangler.connect.core.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValueTranslatorTest {

    private static final ValueMapping STATUS = ValueMapping.parse("A=ACTIVE,L=LAPSED,X=LAPSED", "LAPSED=L");

    @ParameterizedTest(name = "{0} {1} {2} -> {3} {4}")
    @CsvSource(nullValues = "null", value = {
            "FORWARD, FAIL,         A,       MAPPED,         ACTIVE",
            "FORWARD, FAIL,         Z,       REJECTED,       null",
            "FORWARD, QUARANTINE,   Z,       REJECTED,       null",
            "FORWARD, PASS_THROUGH, Z,       PASSED_THROUGH, Z",
            "FORWARD, DEFAULT,      Z,       DEFAULTED,      UNKNOWN",
            "FORWARD, QUARANTINE,   null,    NULL,           null",
            "REVERSE, QUARANTINE,   LAPSED,  MAPPED,         L",
            "REVERSE, QUARANTINE,   ACTIVE,  MAPPED,         A",
            "REVERSE, QUARANTINE,   A,       REJECTED,       null",
            "REVERSE, PASS_THROUGH, PENDING, PASSED_THROUGH, PENDING",
            "REVERSE, DEFAULT,      PENDING, DEFAULTED,      UNKNOWN",
    })
    void appliesTheTableAndThePolicy(ValueTranslator.Direction direction, UnknownValuePolicy policy, String input,
                                     Translation.Outcome outcome, String output) {
        ValueTranslator translator = direction == ValueTranslator.Direction.FORWARD
                ? ValueTranslator.forward(STATUS, policy, "UNKNOWN")
                : ValueTranslator.reverse(STATUS, policy, "UNKNOWN");

        Translation translation = translator.translate(input);

        assertThat(translation).isEqualTo(new Translation(outcome, output));
        assertThat(translation.wasUnknown()).isEqualTo(outcome != Translation.Outcome.MAPPED && outcome != Translation.Outcome.NULL);
    }

    @Test
    void reverseRefusesAnAmbiguousTable() {
        ValueMapping ambiguous = ValueMapping.parse("L=LAPSED,X=LAPSED");

        assertThat(ValueTranslator.forward(ambiguous, UnknownValuePolicy.FAIL, null).translate("X").value()).isEqualTo("LAPSED");
        assertThatThrownBy(() -> ValueTranslator.reverse(ambiguous, UnknownValuePolicy.FAIL, null))
                .isInstanceOf(MappingDefinitionException.class)
                .hasMessageStartingWith("reverse: mapping is not invertible");
    }

    @Test
    void defaultPolicyNeedsADefault() {
        assertThatThrownBy(() -> ValueTranslator.forward(STATUS, UnknownValuePolicy.DEFAULT, ""))
                .isInstanceOf(MappingDefinitionException.class)
                .hasMessage("default: the policy 'default' needs a default value");
    }
}
