package dev.strangler.connect.it.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.strangler.connect.harness.LocalStack;

/**
 * {@code PUT /connector-plugins/.../config/validate} on the real worker, as the Connect UI and GitOps tools call it:
 * every problem is reported at once on the key to change, including the ones only the target database can reveal
 * (a missing table, a mapped column that does not exist), and a correct configuration has none.
 */
class InvalidConfigurationIsRefusedNamingTheKeyIT {

    private static final LocalStack STACK = LocalStack.shared();
    private static ReconcileFixture fixture;

    @BeforeAll
    static void setUp() {
        fixture = new ReconcileFixture(STACK, "rec_validate");
        fixture.createTargetStore();
    }

    private static Map<String, List<String>> errors(Map<String, String> config) {
        Map<String, String> withName = new LinkedHashMap<>(config);
        withName.put("name", fixture.connector);
        JsonNode result = STACK.connect().validate(ReconcileFixture.CONNECTOR_CLASS, withName);
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (JsonNode entry : result.get("configs")) {
            JsonNode value = entry.get("value");
            if (value.get("errors").size() > 0) {
                errors.put(value.get("name").asText(), ReconcileFixture.JSON.convertValue(value.get("errors"),
                        ReconcileFixture.JSON.getTypeFactory().constructCollectionType(List.class, String.class)));
            }
        }
        assertThat(result.get("error_count").asInt()).isEqualTo(errors.values().stream().mapToInt(List::size).sum());
        return errors;
    }

    @Test
    void aCorrectConfigurationHasNoProblem() {
        assertThat(errors(fixture.connectorConfig(Duration.ofMinutes(1)))).isEmpty();
    }

    @Test
    void everyProblemIsReportedOnItsKey() {
        Map<String, String> config = fixture.connectorConfig(Duration.ofMinutes(1));
        config.put("target.table", "policy; DROP TABLE policy");
        config.put("compare.tolerance.absolute", "premium:a lot");
        config.put("repair.mode", "debezium-signal");

        Map<String, List<String>> errors = errors(config);

        assertThat(errors).containsOnlyKeys("target.table", "compare.tolerance.absolute", "repair.signal.table",
                "repair.data.collection", "source.connection.url");
        assertThat(errors.get("target.table")).singleElement().asString().contains("is not a valid SQL identifier");
        assertThat(errors.get("compare.tolerance.absolute")).singleElement().asString().contains("'a lot' is not a decimal number");
    }

    @Test
    void aRepairTopicNeedsAValidNameAndACluster() {
        Map<String, String> config = fixture.connectorConfig(Duration.ofMinutes(1));
        config.put("repair.mode", "topic");
        config.put("repair.topic", "policy repairs");

        Map<String, List<String>> errors = errors(config);

        assertThat(errors).containsOnlyKeys("repair.topic", "repair.kafka.bootstrap.servers");
        assertThat(errors.get("repair.topic")).singleElement().asString().contains("'policy repairs' is not a valid topic name");
        assertThat(errors.get("repair.kafka.bootstrap.servers")).singleElement().asString().contains("Required when repair.mode is topic");

        config.put("repair.topic", "policy.repair");
        config.put("repair.kafka.bootstrap.servers", STACK.kafka().bootstrapServers());
        assertThat(errors(config)).isEmpty();
    }

    @Test
    void theTargetDatabaseRevealsMissingTablesAndColumns() {
        Map<String, String> missingTable = fixture.connectorConfig(Duration.ofMinutes(1));
        missingTable.put("target.table", "svc.polcy");
        assertThat(errors(missingTable).get("target.table")).singleElement().asString()
                .contains("Table svc.polcy does not exist");

        Map<String, String> missingColumn = fixture.connectorConfig(Duration.ofMinutes(1));
        missingColumn.put("mapping.fields", "holder:holder,premium");
        assertThat(errors(missingColumn)).containsOnlyKeys("mapping.fields");
        assertThat(errors(missingColumn).get("mapping.fields")).containsExactly(
                "Column 'holder' (of field 'holder') does not exist in svc.policy");
    }
}
