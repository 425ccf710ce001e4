package dev.strangler.connect.acl.restructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldSplitterTest {

    @ParameterizedTest(name = "{0} on ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
            "0-1,1-     | N123   | N/123",
            "0-1,1-     | N      | none",
            "0-2,2-4    | AB12   | AB/12",
            "0-2,2-4    | AB1    | none",
            "0-2,2-4    | AB123  | AB/12",
            "1-         | xyz    | yz",
    })
    void splitsByPositions(String spec, String value, String expected) {
        assertThat(FieldSplitter.byPositions(spec).split(value).map(parts -> String.join("/", parts)).orElse(null))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} on ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
            "([A-Z])(\\d+)         | N123    | N/123",
            "([A-Z])(\\d+)         | N123x   | none",
            "([A-Z]{2})-(\\d{4})?  | AB-     | AB/",
    })
    void splitsByPattern(String regex, String value, String expected) {
        assertThat(FieldSplitter.byPattern(regex).split(value)
                .map(parts -> String.join("/", Arrays.asList(parts.stream().map(p -> p == null ? "" : p).toArray(String[]::new))))
                .orElse(null)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a-b     | range 'a-b' is not start-end (end exclusive, may be omitted)",
            "2-2     | range '2-2' ends before it starts",
    })
    void rejectsBadPositions(String spec, String message) {
        assertThatThrownBy(() -> FieldSplitter.byPositions(spec)).hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "([A-Z]    | invalid regular expression: Unclosed group near index 6",
            "[A-Z]+    | the expression needs one capturing group per part, e.g. ([A-Z])(\\d+)",
    })
    void rejectsBadPatterns(String regex, String message) {
        assertThatThrownBy(() -> FieldSplitter.byPattern(regex)).hasMessage(message);
    }
}
