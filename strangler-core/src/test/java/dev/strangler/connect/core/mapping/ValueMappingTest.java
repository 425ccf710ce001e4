package dev.strangler.connect.core.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValueMappingTest {

    @TempDir
    Path dir;

    @Test
    void parsesInlineEntriesInOrder() {
        ValueMapping mapping = ValueMapping.parse(" A = ACTIVE , L=LAPSED,C=CANCELLED ");

        assertThat(mapping.entries()).containsExactly(
                Map.entry("A", "ACTIVE"), Map.entry("L", "LAPSED"), Map.entry("C", "CANCELLED"));
        assertThat(mapping.translate("L")).contains("LAPSED");
        assertThat(mapping.translate("Z")).isEmpty();
        assertThat(mapping.translate(null)).isEmpty();
        assertThat(mapping.reverse("CANCELLED")).contains("C");
        assertThat(mapping.isInvertible()).isTrue();
    }

    @Test
    void backslashEscapesSeparatorsAndSignificantSpaces() {
        ValueMapping mapping = ValueMapping.parse("a\\,b=x\\=y, \\ P=PADDED, back\\\\slash=ok");

        assertThat(mapping.entries()).containsExactly(
                Map.entry("a,b", "x=y"), Map.entry(" P", "PADDED"), Map.entry("back\\slash", "ok"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "A=ACTIVE,,L=LAPSED | entry 2: is empty (two commas in a row, or a trailing comma?)",
            "A=ACTIVE,L         | entry 2: 'L' has no '=': write key=value",
            "=ACTIVE            | entry 1: has nothing before '='",
            "A=                 | entry 1: 'A' has nothing after '='",
            "A=ACTIVE,A=LAPSED  | entry 2: 'A' is listed twice",
            "A=ACTIVE\\         | ends with a lone backslash",
    })
    void inlineErrorsNameTheEntry(String inline, String message) {
        assertThatThrownBy(() -> ValueMapping.parse(inline))
                .isInstanceOf(MappingDefinitionException.class)
                .hasMessage(message);
    }

    @Test
    void emptyDefinitionIsRejected() {
        assertThatThrownBy(() -> ValueMapping.parse("  ")).hasMessage("mapping has no entries");
        assertThatThrownBy(() -> ValueMapping.of(Map.of())).hasMessage("mapping has no entries");
    }

    @Test
    void manyToOneIsNotInvertibleWithoutAChoice() {
        ValueMapping mapping = ValueMapping.parse("A=ACTIVE,L=LAPSED,X=LAPSED");

        assertThat(mapping.translate("X")).contains("LAPSED");
        assertThat(mapping.isInvertible()).isFalse();
        assertThat(mapping.ambiguities()).containsExactly(Map.entry("LAPSED", List.of("L", "X")));
        assertThat(mapping.reverse("ACTIVE")).contains("A");
        assertThatThrownBy(() -> mapping.reverse("LAPSED")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(mapping::requireInvertible)
                .isInstanceOf(MappingDefinitionException.class)
                .hasMessage("reverse: mapping is not invertible: 'LAPSED' comes from [L, X]. "
                        + "Add a reverse choice domain=legacy for each, e.g. LAPSED=L")
                .extracting(e -> ((MappingDefinitionException) e).path()).isEqualTo("reverse");
    }

    @Test
    void reverseChoiceMakesManyToOneInvertible() {
        ValueMapping mapping = ValueMapping.parse("A=ACTIVE,L=LAPSED,X=LAPSED", "LAPSED=X");

        assertThat(mapping.requireInvertible()).isSameAs(mapping);
        assertThat(mapping.reverse("LAPSED")).contains("X");
        assertThat(mapping.reverse("UNKNOWN")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "GONE=L    | reverse.GONE: 'GONE' is not a domain value of the mapping",
            "LAPSED=A  | reverse.LAPSED: legacy code 'A' does not map to 'LAPSED'; choose one of [L, X]",
    })
    void reverseChoicesMustFitTheTable(String reverse, String message) {
        assertThatThrownBy(() -> ValueMapping.parse("A=ACTIVE,L=LAPSED,X=LAPSED", reverse))
                .isInstanceOf(MappingDefinitionException.class)
                .hasMessage(message);
    }

    @Test
    void loadsFlatJson() throws IOException {
        Path file = write("status.json", "{\"A\": \"ACTIVE\", \"1\": 2, \"L\": \"LAPSED\"}");

        assertThat(ValueMapping.load(file).entries()).containsExactly(
                Map.entry("A", "ACTIVE"), Map.entry("1", "2"), Map.entry("L", "LAPSED"));
    }

    @Test
    void loadsStructuredYamlWithReverseChoices() throws IOException {
        Path file = write("status.yaml", """
                values:
                  A: ACTIVE
                  L: LAPSED
                  X: LAPSED
                reverse:
                  LAPSED: L
                """);

        ValueMapping mapping = ValueMapping.load(file);

        assertThat(mapping).isEqualTo(ValueMapping.parse("A=ACTIVE,L=LAPSED,X=LAPSED", "LAPSED=L"));
        assertThat(mapping.reverse("LAPSED")).contains("L");
    }

    @Test
    void loadsProperties() throws IOException {
        Path file = write("status.properties", "L=LAPSED\nA=ACTIVE\n");

        assertThat(ValueMapping.load(file).entries()).containsExactly(Map.entry("A", "ACTIVE"), Map.entry("L", "LAPSED"));
    }

    @Test
    void fileErrorsSayWhatIsWrong() throws IOException {
        assertThatThrownBy(() -> ValueMapping.load(dir.resolve("missing.json")))
                .hasMessageContaining("does not exist or is not readable");
        Path nested = write("nested.json", "{\"values\": {\"A\": {\"x\": 1}}}");
        assertThatThrownBy(() -> ValueMapping.load(nested)).hasMessage("values.A: must be a text or number value");
        Path broken = write("broken.json", "{\"A\": ");
        assertThatThrownBy(() -> ValueMapping.load(broken)).hasMessageContaining("cannot be parsed").hasMessageContaining("line 1");
        Path text = write("status.txt", "A=ACTIVE");
        assertThatThrownBy(() -> ValueMapping.load(text)).hasMessageContaining("must end in .json, .yaml, .yml or .properties");
        Path ambiguous = write("bad-reverse.json", "{\"values\": {\"A\": \"ACTIVE\"}, \"reverse\": {\"ACTIVE\": \"B\"}}");
        assertThatThrownBy(() -> ValueMapping.load(ambiguous)).hasMessageStartingWith("reverse.ACTIVE:");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
