package dev.strangler.connect.acl;

import static dev.strangler.connect.acl.testing.RecordAssertions.headers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import dev.strangler.connect.acl.testing.OracleEvents;
import dev.strangler.connect.acl.testing.PostgresEvents;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class SplitAndMergeFieldsTest {

    private static Map<String, String> config(String... keyValues) {
        Map<String, String> config = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put(keyValues[i], keyValues[i + 1]);
        }
        return config;
    }

    @Test
    void splitsARegionCodeByPattern() {
        SplitField<SourceRecord> split = new SplitField.Value<>();
        split.configure(config("field", "region_code", "pattern", "([A-Z])(\\d+)", "into", "region,location.number"));

        SourceRecord out = split.apply(PostgresEvents.rowRecord(PostgresEvents.row("P-1", "A", "N123", "Y")));

        Struct value = (Struct) out.value();
        assertThat(out.valueSchema().field("region_code")).isNull();
        assertThat(out.valueSchema().field("region").schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
        assertThat(value.get("region")).isEqualTo("N");
        assertThat(value.getStruct("location").get("number")).isEqualTo("123");
        assertThat(value.get("policy_no")).isEqualTo("P-1");
        split.close();
    }

    @Test
    void splitsByPositionsAndKeepsTheSourceOnRequest() {
        SplitField<SourceRecord> split = new SplitField.Value<>();
        split.configure(config("field", "after.CLAIM_NO", "positions", "0-1,2-", "into", "after.kind,after.serial",
                "keep.source", "true"));

        SourceRecord out = split.apply(OracleEvents.record(OracleEvents.key("C-9"), OracleEvents.create(OracleEvents.row("C-9", "OPN", "Y"))));

        Struct after = ((Struct) out.value()).getStruct("after");
        assertThat(after.get("kind")).isEqualTo("C");
        assertThat(after.get("serial")).isEqualTo("9         ");   // CHAR(12) padding is Normalise's job
        assertThat(after.get("CLAIM_NO")).isEqualTo("C-9         ");
        split.close();
    }

    @Test
    void valueThatDoesNotMatchIsQuarantinedAndNullGivesNullParts() {
        SplitField<SourceRecord> split = new SplitField.Value<>();
        split.configure(config("field", "region_code", "pattern", "([A-Z])(\\d+)", "into", "region,number"));

        SourceRecord bad = split.apply(PostgresEvents.rowRecord(PostgresEvents.row("P-1", "A", "123", "Y")));
        SourceRecord absent = split.apply(PostgresEvents.rowRecord(PostgresEvents.row("P-1", "A", null, "Y")));

        assertThat(bad.topic()).isEqualTo(PostgresEvents.TOPIC + ".quarantine");
        assertThat(headers(bad)).containsEntry("acl.quarantine.transform", "SplitField")
                .containsEntry("acl.quarantine.rule", "region_code")
                .containsEntry("acl.quarantine.reason", "no-match")
                .containsEntry("acl.quarantine.detail", "The value of region_code does not match the configured pattern");
        assertThat(((Struct) absent.value()).get("region")).isNull();
        assertThat(((Struct) absent.value()).get("number")).isNull();
        split.close();
    }

    @Test
    void splitConfigErrorsNameTheKey() {
        Map<String, ConfigValue> results = new HashMap<>();
        SplitField.CONFIG_DEF.validate(config("field", "a", "pattern", "[A-Z]", "positions", "3-1", "into", "x"))
                .forEach(v -> results.put(v.name(), v));

        assertThat(results.get("pattern").errorMessages()).containsExactly("Invalid value [A-Z] for configuration pattern: "
                + "the expression needs one capturing group per part, e.g. ([A-Z])(\\d+)");
        assertThat(results.get("positions").errorMessages()).containsExactly(
                "Invalid value 3-1 for configuration positions: range '3-1' ends before it starts");
        SplitField<SourceRecord> split = new SplitField.Value<>();
        assertThatThrownBy(() -> split.configure(config("field", "a", "pattern", "(a)(b)", "into", "x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("into")
                .hasMessageContaining("the pattern gives 2 parts, into names 1");
        assertThatThrownBy(() -> split.configure(config("field", "a", "into", "x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("Set exactly one of pattern and positions");
    }

    @Test
    void mergesFieldsWithASeparator() {
        MergeFields<SourceRecord> merge = new MergeFields.Value<>();
        merge.configure(config("fields", "region_code,policy_no", "into", "ref.code", "separator", "/"));

        SourceRecord out = merge.apply(PostgresEvents.rowRecord(PostgresEvents.row("P-1", "A", "N123", "Y")));

        Struct value = (Struct) out.value();
        assertThat(out.valueSchema().field("policy_no")).isNull();
        assertThat(out.valueSchema().field("region_code")).isNull();
        assertThat(value.getStruct("ref").get("code")).isEqualTo("N123/P-1");
        merge.close();
    }

    @Test
    void mergeOfANumberUsesPlainTextAndNullsFollowThePolicy() {
        MergeFields<SourceRecord> merge = new MergeFields.Value<>();
        merge.configure(config("fields", "after.STATUS,after.COUNTER,after.AMOUNT", "into", "after.summary",
                "separator", "-", "keep.sources", "true"));
        SourceRecord in = OracleEvents.record(OracleEvents.key("C-1"), OracleEvents.create(OracleEvents.row("C-1", "OPN", "Y")));

        Struct after = ((Struct) merge.apply(in).value()).getStruct("after");

        assertThat(after.get("summary")).isEqualTo("OPN-42-1999.95");
        assertThat(after.get("STATUS")).isEqualTo("OPN");

        merge.configure(config("fields", "region_code,policy_no", "into", "code"));
        SourceRecord withNull = PostgresEvents.rowRecord(PostgresEvents.row("P-1", "A", null, "Y"));
        assertThat(((Struct) merge.apply(withNull).value()).get("code")).isNull();
        merge.configure(config("fields", "region_code,policy_no", "into", "code", "nulls", "skip"));
        assertThat(((Struct) merge.apply(withNull).value()).get("code")).isEqualTo("P-1");
        merge.close();
    }
}
