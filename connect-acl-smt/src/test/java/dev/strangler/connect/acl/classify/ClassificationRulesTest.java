package dev.strangler.connect.acl.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import dev.cel.runtime.CelVariableResolver;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClassificationRulesTest {

    private static final Schema ROW = SchemaBuilder.struct()
            .field("tx_code", Schema.STRING_SCHEMA)
            .field("approved", Schema.OPTIONAL_BOOLEAN_SCHEMA)
            .field("amount", Decimal.builder(2).optional().build())
            .field("count", Schema.OPTIONAL_INT32_SCHEMA)
            .field("note", Schema.OPTIONAL_STRING_SCHEMA)
            .field("at", Timestamp.builder().optional().build())
            .build();

    private static final ClassificationRules RULES = ClassificationRules.parse("""
            EndorsementApproved: value.tx_code == 'END' && value.approved;
            TechnicalCorrection: value.tx_code in ['COR', 'FIX;X'] ;
            Large: has(value.amount) && value.amount > 1000.0 && value.count >= 2;
            Late: has(value.at) && value.at > timestamp('2025-01-01T00:00:00Z') && headers['acl.event.type'] == 'Changed';
            """);

    private static Map<String, Object> variables(String code, Boolean approved, String amount, Integer count, Instant at) {
        return CelVariables.of(null, row(code, approved, amount, count, at), new ConnectHeaders().addString("acl.event.type", "Changed"), "t");
    }

    /** The variables as the transforms pass them: converted on demand, only the fields the rules select. */
    private static CelVariableResolver lazyVariables(ClassificationRules rules, String code, Boolean approved, String amount,
                                                     Integer count, Instant at) {
        return CelVariables.lazy(null, row(code, approved, amount, count, at),
                new ConnectHeaders().addString("acl.event.type", "Changed"), "t", rules.fieldsRead());
    }

    private static Struct row(String code, Boolean approved, String amount, Integer count, Instant at) {
        return new Struct(ROW).put("tx_code", code).put("approved", approved)
                .put("amount", amount == null ? null : new BigDecimal(amount)).put("count", count)
                .put("at", at == null ? null : Date.from(at));
    }

    @ParameterizedTest(name = "{0} {1} {2} {3} -> {4}")
    @CsvSource(nullValues = "null", value = {
            "END,   true,  null,    null, EndorsementApproved",
            "END,   false, null,    null, null",
            "COR,   false, null,    null, TechnicalCorrection",
            "FIX;X, false, null,    null, TechnicalCorrection",
            "PAY,   false, 1000.50, 2,    Large",
            "PAY,   false, 1000.50, 1,    null",
            "PAY,   false, 999.99,  5,    null",
    })
    void firstMatchingRuleWins(String code, Boolean approved, String amount, Integer count, String expected) {
        assertThat(RULES.classify(variables(code, approved, amount, count, null)).orElse(null)).isEqualTo(expected);
        assertThat(RULES.classify(lazyVariables(RULES, code, approved, amount, count, null)).orElse(null)).isEqualTo(expected);
    }

    @Test
    void timestampsAndHeadersAreComparable() {
        assertThat(RULES.classify(variables("PAY", false, null, null, Instant.parse("2025-06-01T00:00:00Z")))).contains("Late");
        assertThat(RULES.classify(variables("PAY", false, null, null, Instant.parse("2024-06-01T00:00:00Z")))).isEmpty();
        assertThat(RULES.classify(lazyVariables(RULES, "PAY", false, null, null, Instant.parse("2025-06-01T00:00:00Z")))).contains("Late");
    }

    @Test
    void absentFieldFailsEvaluationNamingTheRule() {
        ClassificationRules rules = ClassificationRules.parse("Noted: value.note == 'x'");

        assertThatThrownBy(() -> rules.classify(variables("PAY", null, null, null, null)))
                .isInstanceOf(RuleEvaluationException.class)
                .hasMessageContaining("note")
                .extracting(e -> ((RuleEvaluationException) e).rule()).isEqualTo("Noted");
        assertThatThrownBy(() -> rules.classify(lazyVariables(rules, "PAY", null, null, null, null)))
                .isInstanceOf(RuleEvaluationException.class)
                .hasMessageContaining("note");
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", value = {
            "' '                                   => no rules: write EventType: condition; ...",
            "A: true;;B: false                     => rule 2 is empty (a doubled or trailing ';'?)",
            "value.x == 1                          => rule 1 has no ':': write EventType: condition",
            "1A: true                              => rule 1: event type '1A' must start with a letter and contain only letters, digits, '_', '.', '-'",
            "A: true; A: false                     => rule 2 (A): event type listed twice; combine the conditions with ||",
            "A:                                    => rule 1 (A) has no condition",
    })
    void syntaxErrorsNameTheRule(String text, String message) {
        assertThatThrownBy(() -> ClassificationRules.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void compileErrorsNameTheRuleAndAreCaughtAtConfigureTime() {
        assertThatThrownBy(() -> ClassificationRules.parse("Ok: true; Broken: value.x ==")).hasMessageStartingWith("rule 2 (Broken): ");
        assertThatThrownBy(() -> ClassificationRules.parse("NotBool: 'text'")).hasMessageStartingWith("rule 1 (NotBool): ");
        assertThatThrownBy(() -> ClassificationRules.parse("Unknown: nothing == 1")).hasMessageContaining("nothing");
    }
}
