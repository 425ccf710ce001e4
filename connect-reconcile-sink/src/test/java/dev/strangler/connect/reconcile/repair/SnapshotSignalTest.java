package dev.strangler.connect.reconcile.repair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.strangler.connect.core.sql.PostgresDialect;
import dev.strangler.connect.core.sql.SqlIdentifier;

class SnapshotSignalTest {

    @Test
    void anIncrementalSnapshotOfExactlyTheFindingsKeys() throws Exception {
        String data = SnapshotSignal.data("legacy.policy", PostgresDialect.INSTANCE,
                List.of(SqlIdentifier.of("policy_no"), SqlIdentifier.of("version")),
                List.of(List.of("P-1", new BigDecimal("3")), List.of("O'Brien", 4L)));

        JsonNode json = new ObjectMapper().readTree(data);
        assertThat(json.get("data-collections").get(0).asText()).isEqualTo("legacy.policy");
        assertThat(json.get("type").asText()).isEqualTo("incremental");
        assertThat(json.get("additional-conditions").get(0).get("data-collection").asText()).isEqualTo("legacy.policy");
        assertThat(json.get("additional-conditions").get(0).get("filter").asText()).isEqualTo(
                "(\"policy_no\" = 'P-1' AND \"version\" = 3) OR (\"policy_no\" = 'O''Brien' AND \"version\" = 4)");
    }

    @Test
    void literalsCannotEscapeTheirQuotes() {
        assertThat(SnapshotSignal.literal("x' OR '1'='1")).isEqualTo("'x'' OR ''1''=''1'");
        assertThat(SnapshotSignal.literal(12.50d)).isEqualTo("12.5");
        assertThatThrownBy(() -> SnapshotSignal.filter(PostgresDialect.INSTANCE, List.of(SqlIdentifier.of("id")),
                List.of(Arrays.asList((Object) null)))).hasMessageContaining("null");
    }
}
