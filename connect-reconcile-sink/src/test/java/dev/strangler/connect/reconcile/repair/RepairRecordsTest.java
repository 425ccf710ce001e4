package dev.strangler.connect.reconcile.repair;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.strangler.connect.reconcile.compare.FieldDifference;
import dev.strangler.connect.reconcile.compare.Outcome;
import dev.strangler.connect.reconcile.evidence.CheckLevel;
import dev.strangler.connect.reconcile.evidence.Finding;
import dev.strangler.connect.reconcile.stream.RecordOrigin;

class RepairRecordsTest {

    private static final Instant SEEN = Instant.parse("2026-11-25T12:00:00Z");
    private final RepairRecords records = new RepairRecords("policy.repair", List.of("policy_id"));

    @Test
    void aStreamMismatchBecomesAKeyedRequestNamingTheRowAndTheDifferingFieldsButNoFieldValue() throws Exception {
        Finding finding = new Finding("run-1", "reconcile-policy", "policy", CheckLevel.RECORD, Outcome.MISMATCH, "field-compare",
                "7", List.of(7L), Map.of("holder", "Ann", "premium", new BigDecimal("10.50")),
                Map.of("holder_name", "Bob", "premium", new BigDecimal("10.50")),
                List.of(new FieldDifference("holder", "holder_name", "Ann", "Bob", "values differ")),
                new RecordOrigin("legacy.policy", 0, 12), null, null, SEEN, SEEN.plusSeconds(60));

        ProducerRecord<String, String> record = records.toRecord(finding);

        assertThat(record.topic()).isEqualTo("policy.repair");
        assertThat(record.key()).isEqualTo("7");
        assertThat(record.timestamp()).isEqualTo(SEEN.plusSeconds(60).toEpochMilli());
        assertThat(header(record, RepairRecords.RUN_ID_HEADER)).isEqualTo("run-1");
        assertThat(header(record, RepairRecords.SCOPE_HEADER)).isEqualTo("policy");
        assertThat(header(record, RepairRecords.KIND_HEADER)).isEqualTo("mismatch");
        assertThat(header(record, RepairRecords.RULE_HEADER)).isEqualTo("field-compare");
        assertThat(header(record, RepairRecords.CHECK_LEVEL_HEADER)).isEqualTo("record");
        assertThat(record.value()).isEqualTo("{\"request_version\":1,\"run_id\":\"run-1\",\"connector\":\"reconcile-policy\","
                + "\"scope\":\"policy\",\"check_level\":\"record\",\"kind\":\"mismatch\",\"rule\":\"field-compare\","
                + "\"row_key\":\"7\",\"key\":{\"policy_id\":\"7\"},\"differing_fields\":[\"holder\"],\"key_range\":null,"
                + "\"first_seen\":\"2026-11-25T12:00:00Z\",\"confirmed_at\":\"2026-11-25T12:01:00Z\"}");
        assertThat(record.value()).doesNotContain("Ann").doesNotContain("Bob");
    }

    @Test
    void aStateFindingCarriesItsKeyRangeAndKind() throws Exception {
        Finding finding = new Finding("scan-9", "reconcile-policy", "policy", CheckLevel.STATE, Outcome.MISSING_IN_SOURCE,
                "range-checksum", "20001", List.of(20001L), null, Map.of("holder_name", "Only in target"), List.of(),
                null, "[20000, 20016)", null, SEEN, SEEN);

        ProducerRecord<String, String> record = records.toRecord(finding);

        JsonNode value = new ObjectMapper().readTree(record.value());
        assertThat(value.get("check_level").asText()).isEqualTo("state");
        assertThat(value.get("kind").asText()).isEqualTo("missing-in-source");
        assertThat(value.get("key").get("policy_id").asText()).isEqualTo("20001");
        assertThat(value.get("key_range").asText()).isEqualTo("[20000, 20016)");
        assertThat(value.get("differing_fields")).isEmpty();
        assertThat(header(record, RepairRecords.RULE_HEADER)).isEqualTo("range-checksum");
        assertThat(header(record, RepairRecords.CHECK_LEVEL_HEADER)).isEqualTo("state");
    }

    private static String header(ProducerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
