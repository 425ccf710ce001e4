package dev.strangler.connect.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.strangler.connect.core.StranglerVersion;

class LegacySinkConnectorTest {

    private static final String MAPPING = "{\"events\": {\"AddressChanged\": {\"writes\": [{\"table\": \"legacy.policy_address\","
            + " \"mode\": \"upsert\", \"key\": [\"policy_no\"], \"columns\": {\"policy_no\": {\"field\": \"policyNumber\"},"
            + " \"street\": {\"field\": \"address.street\"}}, \"guard\": {\"column\": \"addr_version\", \"field\": \"version\"}}]}}}";

    private static Map<String, String> config() {
        Map<String, String> config = new HashMap<>();
        config.put("connection.url", "jdbc:postgresql://localhost:5432/legacy");
        config.put("connection.user", "sink");
        config.put("connection.password", "secret");
        config.put("mapping", MAPPING);
        return config;
    }

    private static Map<String, List<String>> errors(Map<String, String> config) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (ConfigValue value : new LegacySinkConnector().validate(config).configValues()) {
            if (!value.errorMessages().isEmpty()) {
                errors.put(value.name(), value.errorMessages());
            }
        }
        return errors;
    }

    @Test
    void aValidConfigurationHasNoErrors() {
        assertThat(errors(config())).isEmpty();
        LegacySinkConfig parsed = new LegacySinkConfig(config());
        assertThat(parsed.mapping().eventTypes()).containsExactly("AddressChanged");
        assertThat(parsed.originMarker().column().name()).isEqualTo("strangler_origin");
        assertThat(parsed.plan()).isEmpty();
    }

    @Test
    void everyMappingProblemIsReportedUnderTheMappingKeyWithItsPath() {
        Map<String, String> config = config();
        config.put("mapping", MAPPING.replace("legacy.policy_address", "legacy.policy_address;--").replace("\"upsert\"", "\"replace\""));
        assertThat(errors(config)).containsOnlyKeys("mapping");
        assertThat(errors(config).get("mapping")).containsExactlyInAnyOrder(
                "events.AddressChanged.writes[0].table: 'policy_address;--' is not a valid SQL identifier: use letters, digits, '_' or '$', start with a letter or '_', at most 63 characters",
                "events.AddressChanged.writes[0].mode: 'replace' is not one of insert, upsert, update-only, delete");
    }

    @Test
    void theMappingIsRequiredOnceInlineOrAsAFile(@TempDir Path dir) throws Exception {
        Map<String, String> config = config();
        config.remove("mapping");
        assertThat(errors(config).get("mapping")).singleElement().asString().startsWith("A projection mapping is required");

        Path file = dir.resolve("mapping.json");
        Files.writeString(file, MAPPING);
        config.put("mapping.file", file.toString());
        assertThat(errors(config)).isEmpty();

        config.put("mapping", MAPPING);
        assertThat(errors(config).get("mapping.file")).singleElement().asString().contains("not both");

        config.remove("mapping");
        config.put("mapping.file", dir.resolve("missing.json").toString());
        assertThat(errors(config).get("mapping.file")).singleElement().asString().contains("no such file on this worker");
    }

    @Test
    void otherKeysAreValidatedByTheirValidators() {
        Map<String, String> config = config();
        config.put("event.type.source", "cookie:type");
        config.put("event.unmapped.policy", "ignore");
        config.put("origin.marker.column", "origin; drop table x");
        config.put("connection.url", "jdbc:mysql://db/legacy");
        Map<String, List<String>> errors = errors(config);
        assertThat(errors).containsKeys("event.type.source", "event.unmapped.policy", "origin.marker.column", "connection.url");
        assertThat(errors.get("mapping")).singleElement().asString().contains("checked once the origin marker");
    }

    @Test
    void theOriginMarkerColumnCannotBeMappedByHand() {
        Map<String, String> config = config();
        config.put("origin.marker.column", "street");
        assertThat(errors(config).get("mapping")).singleElement().asString()
                .isEqualTo("events.AddressChanged.writes[0].columns.street: is the origin marker column, which the sink writes itself");
        assertThatThrownBy(() -> new LegacySinkConfig(config)).isInstanceOf(ConfigException.class).hasMessageContaining("mapping");
    }

    @Test
    void retryBackoffDoublesUpToTheMaximum() {
        Map<String, String> config = config();
        config.put("retry.backoff.ms", "500");
        config.put("retry.backoff.max.ms", "3000");
        LegacySinkConfig parsed = new LegacySinkConfig(config);
        assertThat(List.of(1, 2, 3, 4, 60)).extracting(parsed::retryBackoff)
                .containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000), Duration.ofMillis(2000), Duration.ofMillis(3000),
                        Duration.ofMillis(3000));
    }

    @Test
    void versionComesFromTheBuild() {
        assertThat(new LegacySinkConnector().version()).isEqualTo(StranglerVersion.get());
        assertThat(new LegacySinkTask().version()).isEqualTo(StranglerVersion.get());
        assertThat(new LegacySinkConnector().taskClass()).isEqualTo(LegacySinkTask.class);
    }
}
