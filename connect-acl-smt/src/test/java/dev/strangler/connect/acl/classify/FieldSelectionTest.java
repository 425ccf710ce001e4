package dev.strangler.connect.acl.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldSelectionTest {

    private static final String ALL = "*";
    private static final String NONE = "-";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", nullValues = "null", value = {
            "value.tx_code == 'END' && value.approved             => approved tx_code  | -",
            "has(value.note) && value.note != ''                  => note              | -",
            "value.address.city == 'Berlin'                       => address           | -",
            "key.policy_no == 'P1' && topic == 't'                => -                 | policy_no",
            "headers['acl.event.type'] == 'Changed'               => -                 | -",
            "size(value) > 3                                      => *                 | -",
            "value['tx_code'] == 'END'                            => *                 | -",
            "value.exists(f, f == 'tx_code')                      => *                 | -",
            "value == {'a': 1}                                    => *                 | -",
            "[1, 2].exists(value, value > 1) && value.x == 1      => *                 | -",
            "key.a == 1 || key == 'plain'                         => -                 | *",
    })
    void findsTheFieldsAConditionSelects(String condition, String expected) {
        FieldSelection selection = CelCondition.compile(condition).fieldsRead();
        String[] parts = expected.split("\\|", -1);

        assertThat(describe(selection.fieldsOf(CelVariables.VALUE))).as("value").isEqualTo(parts[0].strip());
        assertThat(describe(selection.fieldsOf(CelVariables.KEY))).as("key").isEqualTo(parts[1].strip());
    }

    @ParameterizedTest(name = "{0} + {1}")
    @CsvSource(delimiterString = "=>", value = {
            "value.a == 1 ; value.b == 2       => a b",
            "value.a == 1 ; size(value) == 2   => *",
            "key.k == 1   ; value.b == 2       => b",
    })
    void aUnionReadsWhatEitherReads(String conditions, String expected) {
        FieldSelection union = Arrays.stream(conditions.split(";"))
                .map(condition -> CelCondition.compile(condition.strip()).fieldsRead())
                .reduce(FieldSelection::union).orElseThrow();

        assertThat(describe(union.fieldsOf(CelVariables.VALUE))).isEqualTo(expected.strip());
    }

    private static String describe(Set<String> fields) {
        return fields == null ? ALL : fields.isEmpty() ? NONE : String.join(" ", new TreeSet<>(fields));
    }
}
