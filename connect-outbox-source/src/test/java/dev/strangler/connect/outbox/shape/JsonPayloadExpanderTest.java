package dev.strangler.connect.outbox.shape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.kafka.connect.data.ConnectSchema;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonPayloadExpanderTest {

    private final JsonPayloadExpander expander = new JsonPayloadExpander();

    /** A compact, readable form of a schema: '?' marks optional, struct fields in schema order. */
    static String describe(Schema schema) {
        String optional = schema.isOptional() ? "?" : "";
        switch (schema.type()) {
            case STRUCT:
                return "{" + schema.fields().stream().map(f -> f.name() + ":" + describe(f.schema())).collect(Collectors.joining(","))
                        + "}" + optional;
            case ARRAY:
                return "[" + describe(schema.valueSchema()) + "]" + optional;
            default:
                return schema.type().getName() + optional;
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {"b":"x","a":1}                               | {a:int64?,b:string?}
            {"a":1,"b":"x"}                               | {a:int64?,b:string?}
            {"price":9.99,"paid":true}                    | {paid:boolean?,price:float64?}
            {"big":123456789012345678901234567890}        | {big:float64?}
            {"customer":{"name":"A","tags":["x","y"]}}    | {customer:{name:string?,tags:[string?]?}?}
            {"gone":null,"kept":1}                        | {kept:int64?}
            {"empty":[]}                                  | {empty:[string?]?}
            {"nulls":[null,null]}                         | {nulls:[string?]?}
            {"n":[1,2.5]}                                 | {n:[float64?]?}
            {"lines":[{"sku":"a"},{"qty":2}]}             | {lines:[{qty:int64?,sku:string?}?]?}
            {"lines":[{"q":1},{"q":"one"}]}               | {lines:[{q:string?}?]?}
            {"mixed":[1,"a",{"x":1}]}                     | {mixed:[string?]?}
            {"matrix":[[1,2],[],[3]]}                     | {matrix:[[int64?]?]?}
            {}                                            | {}
            [1,2]                                         | [int64?]
            "text"                                        | string
            42                                            | int64
            """)
    void infersOneSchemaPerShape(String json, String expectedSchema) throws BadRowException {
        SchemaAndValue expanded = expander.expand(json);

        assertThat(describe(expanded.schema())).isEqualTo(expectedSchema);
        // The value always fits the inferred schema.
        ConnectSchema.validateValue(expanded.schema(), expanded.value());
    }

    @Test
    void keyOrderNeverChangesTheSchema() throws BadRowException {
        assertThat(expander.expand("{\"a\":{\"y\":1,\"x\":[true]},\"b\":\"s\"}").schema())
                .isEqualTo(expander.expand("{\"b\":\"t\",\"a\":{\"x\":[false],\"y\":2}}").schema());
    }

    @Test
    void valuesKeepTheirTypesAndNesting() throws BadRowException {
        Struct value = (Struct) expander.expand(
                "{\"id\":7,\"total\":12.5,\"customer\":{\"name\":\"Ada\",\"vip\":false},\"tags\":[\"a\",null],\"none\":[]}").value();

        assertThat(value.getInt64("id")).isEqualTo(7L);
        assertThat(value.getFloat64("total")).isEqualTo(12.5);
        assertThat(value.getStruct("customer").getString("name")).isEqualTo("Ada");
        assertThat(value.getStruct("customer").getBoolean("vip")).isFalse();
        assertThat(value.getArray("tags")).containsExactly("a", null);
        assertThat(value.getArray("none")).isEmpty();
    }

    @Test
    void mergedArrayElementsLeaveMissingFieldsNull() throws BadRowException {
        Struct value = (Struct) expander.expand("{\"lines\":[{\"sku\":\"a\"},{\"qty\":2}]}").value();
        List<Struct> lines = value.getArray("lines");

        assertThat(lines.get(0).getString("sku")).isEqualTo("a");
        assertThat(lines.get(0).getInt64("qty")).isNull();
        assertThat(lines.get(1).getInt64("qty")).isEqualTo(2L);
    }

    @Test
    void conflictingElementsAreKeptAsTheirJsonText() throws BadRowException {
        Struct value = (Struct) expander.expand("{\"mixed\":[1,\"a\",{\"x\":1},null]}").value();

        assertThat(value.getArray("mixed")).containsExactly("1", "\"a\"", "{\"x\":1}", null);
    }

    @Test
    void integersWidenToFloatWhenAnArrayMixesThem() throws BadRowException {
        Struct value = (Struct) expander.expand("{\"n\":[1,2.5]}").value();

        assertThat(value.getArray("n")).containsExactly(1.0, 2.5);
    }

    @Test
    void jsonNullIsATombstone() throws BadRowException {
        assertThat(expander.expand("null")).isEqualTo(SchemaAndValue.NULL);
    }

    @Test
    void optionalTopLevelForEnvelopes() throws BadRowException {
        assertThat(expander.expand("{\"a\":1}", true).schema().isOptional()).isTrue();
        assertThat(expander.expand("{\"a\":1}", false).schema().isOptional()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {"a":                  | line 1, column
            {"a":1} trailing       | line 1, column
            `   `                  | empty
            not json with secret   | line 1, column
            """)
    void invalidJsonIsABadRowWhoseMessageNeverQuotesThePayload(String json, String messagePart) {
        assertThatThrownBy(() -> expander.expand(json))
                .isInstanceOf(BadRowException.class)
                .hasMessageContaining(messagePart)
                .satisfies(e -> {
                    assertThat(((BadRowException) e).reason()).isEqualTo(BadRowReason.INVALID_JSON);
                    assertThat(e.getMessage()).doesNotContain("secret", "trailing");
                });
    }

    @Test
    void schemasOfEqualShapesAreEqualAcrossCalls() throws BadRowException {
        List<Schema> schemas = Arrays.asList(
                expander.expand("[{\"a\":1},{\"b\":[]}]").schema(),
                expander.expand("[{\"b\":[],\"a\":2}]").schema());
        assertThat(schemas.get(0)).isEqualTo(schemas.get(1));
    }
}
