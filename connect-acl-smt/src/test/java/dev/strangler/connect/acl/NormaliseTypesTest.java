package dev.strangler.connect.acl;

import static dev.strangler.connect.acl.testing.RecordAssertions.headers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import dev.strangler.connect.acl.testing.OracleEvents;
import dev.strangler.connect.acl.testing.PostgresEvents;

import io.debezium.data.VariableScaleDecimal;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NormaliseTypesTest {

    private final NormaliseTypes<SourceRecord> normalise = new NormaliseTypes.Value<>();

    @AfterEach
    void close() {
        normalise.close();
    }

    private static Map<String, String> config(String... keyValues) {
        Map<String, String> config = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put(keyValues[i], keyValues[i + 1]);
        }
        return config;
    }

    private static SourceRecord oracleCreate(Struct row) {
        return OracleEvents.record(OracleEvents.key("C-9"), OracleEvents.create(row));
    }

    @Test
    void normalisesAnOracleRowInsideTheEnvelope() {
        normalise.configure(config("fields", "after,before", "boolean.fields", "after.APPROVED", "decimal.scale", "4",
                "temporal.legacy.zone", "Europe/Zurich"));

        SourceRecord out = normalise.apply(oracleCreate(OracleEvents.row("C-9", "OPN", "Y")));

        Schema expectedRow = SchemaBuilder.struct().name("legacy.LEGACY.CLAIM.Value").optional()
                .field("CLAIM_NO", Schema.STRING_SCHEMA)
                .field("STATUS", Schema.OPTIONAL_STRING_SCHEMA)
                .field("APPROVED", Schema.OPTIONAL_BOOLEAN_SCHEMA)
                .field("AMOUNT", Decimal.builder(2).optional().parameter("connect.decimal.precision", "12").build())
                .field("COUNTER", Schema.OPTIONAL_INT32_SCHEMA)
                .field("RATIO", Decimal.builder(4).optional().build())
                .field("OPENED", Timestamp.builder().optional().build())
                .field("LAST_TOUCHED", Timestamp.builder().optional().build())
                .field("DECIDED_AT", Timestamp.builder().optional().build())
                .build();
        Struct after = ((Struct) out.value()).getStruct("after");
        assertThat(after.schema()).isEqualTo(expectedRow);
        assertThat(after).isEqualTo(new Struct(expectedRow)
                .put("CLAIM_NO", "C-9")
                .put("STATUS", "OPN")
                .put("APPROVED", true)
                .put("AMOUNT", new BigDecimal("1999.95"))
                .put("COUNTER", 42)
                .put("RATIO", new BigDecimal("0.1250"))
                // Oracle DATE 2024-11-25 00:00 on a Zurich wall clock is 23:00Z the day before
                .put("OPENED", Date.from(Instant.parse("2024-11-24T23:00:00Z")))
                // TIMESTAMP(6) 2024-11-25T10:35:30.123456 Zurich wall clock, cut to milliseconds
                .put("LAST_TOUCHED", Date.from(Instant.parse("2024-11-25T09:35:30.123Z")))
                .put("DECIDED_AT", Date.from(Instant.parse("2024-11-25T09:35:30.123Z"))));
        assertThat(((Struct) out.value()).getStruct("source").get("scn")).isEqualTo(OracleEvents.SCN);
        assertThat(((Struct) out.value()).get("before")).isNull();
        assertThat(out.key()).isEqualTo(OracleEvents.key("C-9"));
        assertThat(headers(out)).isEmpty();
    }

    @Test
    void isoStringsKeepMicroseconds() {
        normalise.configure(config("fields", "after", "temporal", "iso-string"));

        Struct after = ((Struct) normalise.apply(oracleCreate(OracleEvents.row("C-9", "OPN", "Y"))).value()).getStruct("after");

        assertThat(after.schema().field("LAST_TOUCHED").schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
        assertThat(after.get("LAST_TOUCHED")).isEqualTo("2024-11-25T10:35:30.123456Z");
        assertThat(after.get("OPENED")).isEqualTo("2024-11-25T00:00:00Z");
        assertThat(after.get("DECIDED_AT")).isEqualTo("2024-11-25T09:35:30.123456Z");
        assertThat(after.get("RATIO")).isInstanceOf(Struct.class); // decimal.scale not set: left as it is
    }

    @Test
    void postgresDateAndBlankText() {
        normalise.configure(config());
        Struct row = PostgresEvents.row("P-1       ", "A", "   ", "Y");

        Struct out = (Struct) normalise.apply(PostgresEvents.rowRecord(row)).value();

        assertThat(out.get("policy_no")).isEqualTo("P-1");
        assertThat(out.get("region_code")).isNull();
        assertThat(out.get("start_date")).isEqualTo(Date.from(Instant.parse("2024-10-04T00:00:00Z")));
        assertThat(out.schema().field("start_date").schema().name()).isEqualTo(org.apache.kafka.connect.data.Date.LOGICAL_NAME);
        assertThat(out.get("updated_at")).isEqualTo(Date.from(Instant.parse("2024-11-25T10:35:30.123Z")));
    }

    @ParameterizedTest
    @CsvSource({"Y, true", "y , true", "1, true", "J, true", "N, false", "0, false", "' ', "})
    void flagCodes(String code, Boolean expected) {
        normalise.configure(config("boolean.fields", "active_flag"));

        Struct out = (Struct) normalise.apply(PostgresEvents.rowRecord(PostgresEvents.row("P-1", "A", "N1", code))).value();

        assertThat(out.get("active_flag")).isEqualTo(expected);
    }

    @Test
    void unknownFlagIsQuarantined() {
        normalise.configure(config("boolean.fields", "active_flag"));
        SourceRecord in = PostgresEvents.rowRecord(PostgresEvents.row("P-1", "A", "N1", "X"));

        SourceRecord out = normalise.apply(in);

        assertThat(out.value()).isSameAs(in.value());
        assertThat(headers(out)).containsEntry("acl.quarantine.transform", "NormaliseTypes")
                .containsEntry("acl.quarantine.rule", "active_flag")
                .containsEntry("acl.quarantine.reason", "invalid-value")
                .containsEntry("acl.quarantine.detail", "field active_flag holds 'X', which is neither a true code "
                        + "[Y, J, T, 1, TRUE, YES] nor a false code [N, F, 0, FALSE, NO]");
    }

    @Test
    void decimalWithTooManyDigitsIsQuarantinedUnlessRounded() {
        Struct row = OracleEvents.row("C-9", "OPN", "Y")
                .put("RATIO", VariableScaleDecimal.fromLogical(VariableScaleDecimal.optionalSchema(), new BigDecimal("0.125")));
        normalise.configure(config("fields", "after", "decimal.scale", "2"));

        assertThat(headers(normalise.apply(oracleCreate(row)))).containsEntry("acl.quarantine.detail",
                "field after.RATIO has more than 2 fractional digits and decimal.rounding is unnecessary");

        normalise.configure(config("fields", "after", "decimal.scale", "2", "decimal.rounding", "half-even"));
        assertThat(((Struct) normalise.apply(oracleCreate(row)).value()).getStruct("after").get("RATIO"))
                .isEqualTo(new BigDecimal("0.12"));
    }

    @Test
    void configErrorsNameTheKey() {
        Map<String, ConfigValue> results = new HashMap<>();
        NormaliseTypes.CONFIG_DEF.validate(config("temporal.legacy.zone", "Mars/Olympus", "decimal.scale", "40",
                "temporal", "epoch")).forEach(v -> results.put(v.name(), v));

        assertThat(results.get("temporal.legacy.zone").errorMessages()).containsExactly("Invalid value Mars/Olympus for "
                + "configuration temporal.legacy.zone: Not a time zone: use a region id such as 'Europe/Zurich' or an offset such as '+01:00'");
        assertThat(results.get("decimal.scale").errorMessages()).containsExactly(
                "Invalid value 40 for configuration decimal.scale: Value must be no more than 38");
        assertThat(results.get("temporal").errorMessages()).singleElement().asString()
                .contains("temporal").contains("[none, connect, iso-string]");
        assertThatThrownBy(() -> normalise.configure(config("boolean.true.codes", "Y,N")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("boolean.true.codes")
                .hasMessageContaining("codes [N] are listed as both true and false");
    }

    @Test
    void missingFlagFieldIsASchemaMismatch() {
        normalise.configure(config("boolean.fields", "after.NOPE"));

        assertThat(headers(normalise.apply(oracleCreate(OracleEvents.row("C-9", "OPN", "Y")))))
                .containsEntry("acl.quarantine.reason", "schema-mismatch").containsEntry("acl.quarantine.rule", "after.NOPE");
    }
}
