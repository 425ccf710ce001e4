package dev.strangler.connect.it.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.strangler.connect.harness.LocalStack;

/**
 * Table and column names come from configuration and end up in SQL: an injection attempt through the mapping or
 * the origin marker is refused by {@code config/validate} on the real worker, naming the key and the place in the
 * mapping, before any connector runs. The password is never echoed back.
 */
class IdentifierInjectionIsRejectedByValidationIT {

    private static LocalStack stack;

    @BeforeAll
    static void startStack() {
        stack = LocalStack.shared();
    }

    @Test
    void injectionAttemptsFailValidationNamingKeyAndPath() {
        Map<String, String> config = LegacySinkFixture.connectorConfig(stack, "postgres", "legacy-injection.endorsements", "legacy-injection.dlq");
        config.put("name", "legacy-injection");
        config.put("connection.password", "s3cret-password");
        config.put("mapping", """
                {"events": {"EndorsementApproved": {"writes": [{
                  "table": "legacy.policy_version; DROP TABLE legacy.policy_version",
                  "mode": "upsert",
                  "key": ["policy_no"],
                  "columns": {
                    "policy_no": {"field": "policy.number"},
                    "note\\" = 'x'; --": {"field": "note"}
                  },
                  "guard": {"column": "event_version) OR (1=1", "field": "version"}
                }]}}}
                """);
        config.put("origin.marker.column", "strangler_origin\"; DELETE FROM legacy.policy_version; --");

        JsonNode result = stack.connect().validate(LegacySinkFixture.CONNECTOR_CLASS, config);

        Map<String, List<String>> errors = errorsByKey(result);
        assertThat(errors).containsOnlyKeys("mapping", "origin.marker.column");
        assertThat(errors.get("origin.marker.column")).singleElement().asString().contains("is not a valid SQL identifier");
        assertThat(result.path("error_count").asInt()).isEqualTo(2);
        // The mapping is checked once the origin marker is valid: fix it and every mapping problem is listed.
        config.put("origin.marker.column", "strangler_origin");
        errors = errorsByKey(stack.connect().validate(LegacySinkFixture.CONNECTOR_CLASS, config));
        assertThat(errors).containsOnlyKeys("mapping");
        assertThat(errors.get("mapping")).anySatisfy(e -> assertThat(e).startsWith("events.EndorsementApproved.writes[0].table:")
                        .contains("is not a table name"))
                .anySatisfy(e -> assertThat(e).startsWith("events.EndorsementApproved.writes[0].columns.note\" = 'x'; --:"))
                .anySatisfy(e -> assertThat(e).startsWith("events.EndorsementApproved.writes[0].guard.column:"));
        assertThat(result.toString()).doesNotContain("s3cret-password");
    }

    @Test
    void aValidConfigurationPasses() {
        Map<String, String> config = LegacySinkFixture.connectorConfig(stack, "postgres", "legacy-valid.endorsements", "legacy-valid.dlq");
        config.put("name", "legacy-valid");
        assertThat(errorsByKey(stack.connect().validate(LegacySinkFixture.CONNECTOR_CLASS, config))).isEmpty();
    }

    private static Map<String, List<String>> errorsByKey(JsonNode result) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (JsonNode value : result.path("configs")) {
            JsonNode messages = value.path("value").path("errors");
            if (messages.size() > 0) {
                List<String> list = new ArrayList<>();
                messages.forEach(m -> list.add(m.asText()));
                errors.put(value.path("value").path("name").asText(), list);
            }
        }
        return errors;
    }
}
