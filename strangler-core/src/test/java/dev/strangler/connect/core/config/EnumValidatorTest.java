package dev.strangler.connect.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class EnumValidatorTest {

    enum UnknownValuePolicy { FAIL, QUARANTINE, PASS_THROUGH }

    private final EnumValidator<UnknownValuePolicy> validator = EnumValidator.of(UnknownValuePolicy.class);

    @ParameterizedTest
    @CsvSource({"fail,FAIL", "QUARANTINE,QUARANTINE", "pass-through,PASS_THROUGH", "pass_through,PASS_THROUGH", " fail ,FAIL"})
    void acceptsTheUserSpellings(String written, UnknownValuePolicy expected) {
        assertThat(validator.parse("mapping.unknown", written)).isEqualTo(expected);
    }

    @Test
    void rejectsOtherValuesNamingTheKeyAndTheChoices() {
        assertThatThrownBy(() -> validator.ensureValid("mapping.unknown", "drop"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("mapping.unknown")
                .hasMessageContaining("[fail, quarantine, pass-through]");
    }

    @Test
    void recommendsTheUserSpellings() {
        assertThat(validator.validValues("mapping.unknown", Map.of()))
                .containsExactly("fail", "quarantine", "pass-through");
    }
}
