package dev.strangler.connect.core.origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OriginMarkerTest {

    private static final OriginMarker MARKER = OriginMarker.of("strangler_origin", "strangler-connect");

    static Stream<Arguments> cells() {
        return Stream.of(
                Arguments.of("strangler-connect", true),
                Arguments.of("strangler-connect   ", true),   // CHAR(n), blank-padded
                Arguments.of("STRANGLER-CONNECT", false),
                Arguments.of("strangler-connect-2", false),
                Arguments.of("strangler", false),
                Arguments.of(" strangler-connect", false),
                Arguments.of("", false),
                Arguments.of(null, false),
                Arguments.of(42, false));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("cells")
    void schemalessRowIsOwnWriteOnlyWhenTheMarkerColumnHoldsTheValue(Object cell, boolean expected) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", 1);
        row.put("strangler_origin", cell);
        assertThat(MARKER.isOwnWrite(row)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("cells")
    void structRowIsOwnWriteOnlyWhenTheMarkerColumnHoldsTheValue(Object cell, boolean expected) {
        if (cell != null && !(cell instanceof String)) {
            return; // a struct column has one type; the non-string case is covered schemaless
        }
        Schema schema = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA)
                .field("strangler_origin", Schema.OPTIONAL_STRING_SCHEMA).build();
        Struct row = new Struct(schema).put("id", 1).put("strangler_origin", cell);
        assertThat(MARKER.isOwnWrite(row)).isEqualTo(expected);
    }

    @Test
    void oracleUpperCaseColumnIsFound() {
        Schema schema = SchemaBuilder.struct().field("ID", Schema.INT32_SCHEMA)
                .field("STRANGLER_ORIGIN", Schema.OPTIONAL_STRING_SCHEMA).build();
        assertThat(MARKER.isOwnWrite(new Struct(schema).put("ID", 1).put("STRANGLER_ORIGIN", "strangler-connect"))).isTrue();
        assertThat(MARKER.isOwnWrite(Map.of("STRANGLER_ORIGIN", "strangler-connect"))).isTrue();
    }

    @Test
    void rowWithoutTheColumnIsNotOwnWrite() {
        Schema schema = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();
        assertThat(MARKER.isOwnWrite(new Struct(schema).put("id", 1))).isFalse();
        assertThat(MARKER.isOwnWrite(Map.of("id", 1))).isFalse();
        assertThat(MARKER.isOwnWrite((Struct) null)).isFalse();
        assertThat(MARKER.isOwnWrite((Map<String, ?>) null)).isFalse();
    }

    @Test
    void changeIsJudgedByTheRowVersionItProducedAndDeletesByTheRowTheyRemoved() {
        Map<String, Object> stamped = Map.of("id", 1, "strangler_origin", "strangler-connect");
        Map<String, Object> unstamped = new HashMap<>(Map.of("id", 1));
        unstamped.put("strangler_origin", null);

        assertThat(MARKER.isOwnChange(null, stamped)).as("sink insert").isTrue();
        assertThat(MARKER.isOwnChange(unstamped, stamped)).as("sink update / pre-delete stamp").isTrue();
        assertThat(MARKER.isOwnChange(stamped, null)).as("sink delete, REPLICA IDENTITY FULL").isTrue();
        assertThat(MARKER.isOwnChange(stamped, unstamped)).as("legacy update of a row the sink wrote").isFalse();
        assertThat(MARKER.isOwnChange(unstamped, null)).as("legacy delete").isFalse();
        assertThat(MARKER.isOwnChange(Map.of("id", 1), null)).as("delete without REPLICA IDENTITY FULL").isFalse();
    }

    @Test
    void configFragmentHasDefaultsAndValidatesTheColumnAsAnIdentifier() {
        ConfigDef def = OriginMarkerConfig.define(new ConfigDef(), "Origin");
        OriginMarker defaults = OriginMarkerConfig.from(new AbstractConfig(def, Map.of()));
        assertThat(defaults).isEqualTo(OriginMarker.of("strangler_origin", "strangler-connect"));

        OriginMarker custom = OriginMarkerConfig.from(new AbstractConfig(def,
                Map.of("origin.marker.column", "SYNC_SRC", "origin.marker.value", "svc")));
        assertThat(custom.column().name()).isEqualTo("SYNC_SRC");
        assertThat(custom.value()).isEqualTo("svc");

        Map<String, ConfigValue> results = new HashMap<>();
        def.validate(Map.of("origin.marker.column", "x; drop table t", "origin.marker.value", ""))
                .forEach(v -> results.put(v.name(), v));
        assertThat(results.get("origin.marker.column").errorMessages()).singleElement().asString()
                .contains("origin.marker.column").contains("not a valid SQL identifier");
        assertThat(results.get("origin.marker.value").errorMessages()).isNotEmpty();
        assertThatThrownBy(() -> new AbstractConfig(def, Map.of("origin.marker.column", "1abc")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("origin.marker.column");
    }
}
