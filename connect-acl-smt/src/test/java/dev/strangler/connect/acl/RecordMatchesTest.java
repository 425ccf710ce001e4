package dev.strangler.connect.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import dev.strangler.connect.acl.testing.OracleEvents;
import dev.strangler.connect.acl.testing.PostgresEvents;

import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordMatchesTest {

    private final RecordMatches<SourceRecord> predicate = new RecordMatches<>();

    @AfterEach
    void close() {
        predicate.close();
    }

    private static SourceRecord policy(String status, String region) {
        return PostgresEvents.record(PostgresEvents.key("P-1"), PostgresEvents.create(PostgresEvents.row("P-1", status, region, "Y")));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {"L, N1, true", "A, N1, false", "L, null, false"})
    void matchesOnFieldValuesInsideTheEnvelope(String status, String region, boolean expected) {
        predicate.configure(Map.of("condition", "value.after.status == 'L' && has(value.after.region_code)"));

        assertThat(predicate.test(policy(status, region))).isEqualTo(expected);
    }

    @Test
    void seesOracleNumbersAndTheTopic() {
        predicate.configure(Map.of("condition", "value.after.AMOUNT > 1000.0 && value.after.COUNTER == 42 && topic.endsWith('CLAIM')"));

        assertThat(predicate.test(OracleEvents.record(OracleEvents.key("C-1"), OracleEvents.create(OracleEvents.row("C-1", "OPN", "Y"))))).isTrue();
        assertThat(predicate.metrics().counter("records-matched", "").count()).isEqualTo(1);
    }

    @Test
    void evaluationErrorsFollowOnError() {
        SourceRecord noRegion = policy("A", null);
        predicate.configure(Map.of("condition", "value.after.region_code.startsWith('N')"));
        assertThatThrownBy(() -> predicate.test(noRegion)).isInstanceOf(DataException.class)
                .hasMessageStartingWith("RecordMatches: the condition cannot be evaluated on a record of topic legacy.public.policy: ");

        predicate.configure(Map.of("condition", "value.after.region_code.startsWith('N')", "on.error", "false"));
        assertThat(predicate.test(noRegion)).isFalse();
        predicate.configure(Map.of("condition", "value.after.region_code.startsWith('N')", "on.error", "true"));
        assertThat(predicate.test(noRegion)).isTrue();
    }

    @Test
    void invalidConditionIsAValidationErrorOnItsKey() {
        Map<String, ConfigValue> results = new HashMap<>();
        RecordMatches.CONFIG_DEF.validate(Map.of("condition", "value.x +", "on.error", "maybe")).forEach(v -> results.put(v.name(), v));

        assertThat(results.get("condition").errorMessages()).singleElement().asString()
                .startsWith("Invalid value value.x + for configuration condition: ");
        assertThat(results.get("on.error").errorMessages()).singleElement().asString().contains("on.error").contains("[fail, false, true]");
        assertThat(RecordMatches.CONFIG_DEF.validate(Map.of("condition", "'not a boolean'")).get(0).errorMessages())
                .singleElement().asString().contains("condition");
    }
}
