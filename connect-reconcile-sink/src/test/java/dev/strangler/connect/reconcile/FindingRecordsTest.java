package dev.strangler.connect.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import dev.strangler.connect.core.plan.AuthorityDecision;
import dev.strangler.connect.core.plan.ConflictRule;
import dev.strangler.connect.core.plan.Phase;
import dev.strangler.connect.core.plan.Side;
import dev.strangler.connect.reconcile.compare.FieldDifference;
import dev.strangler.connect.reconcile.compare.Outcome;
import dev.strangler.connect.reconcile.evidence.CheckLevel;
import dev.strangler.connect.reconcile.evidence.Finding;
import dev.strangler.connect.reconcile.stream.RecordOrigin;

class FindingRecordsTest {

    @Test
    void aFindingPointsBackAtTheRecordThatShowedIt() {
        Instant seen = Instant.parse("2026-11-25T12:00:00Z");
        Finding finding = new Finding("run-1", "reconcile-policy", "policy", CheckLevel.RECORD, Outcome.MISMATCH, "field-compare",
                "7", List.of(7L), Map.of("premium", new BigDecimal("10.50")), Map.of("premium", new BigDecimal("12.00")),
                List.of(new FieldDifference("premium", "premium", new BigDecimal("10.50"), new BigDecimal("12.00"), "values differ by 1.5")),
                new RecordOrigin("legacy.policy", 3, 1234), null,
                new AuthorityDecision("auto-de", "policy", seen, Phase.PARTIAL_EXTRACTION, Side.LEGACY, Side.SERVICE, Side.SERVICE,
                        ConflictRule.MANUAL_REVIEW),
                seen, seen.plusSeconds(60));

        SinkRecord record = FindingRecords.toRecord(finding);

        assertThat(record.topic()).isEqualTo("legacy.policy");
        assertThat(record.kafkaPartition()).isEqualTo(3);
        assertThat(record.kafkaOffset()).isEqualTo(1234);
        assertThat(record.key()).isEqualTo("7");
        Struct value = (Struct) record.value();
        value.validate();
        assertThat(value.getString("source_version")).isEqualTo("{\"premium\":\"10.50\"}");
        assertThat(value.getString("kind")).isEqualTo("mismatch");
        assertThat(value.getString("differences")).isEqualTo(
                "[{\"field\":\"premium\",\"column\":\"premium\",\"source\":\"10.50\",\"target\":\"12.00\",\"reason\":\"values differ by 1.5\"}]");
        assertThat(value.getString("plan_phase")).isEqualTo("partial-extraction");
        assertThat(value.getString("system_of_record")).isEqualTo("legacy");
        assertThat(value.getString("conflict_rule")).isEqualTo("manual-review");
        assertThat(value.getString("confirmed_at")).isEqualTo("2026-11-25T12:01:00Z");
        assertThat(record.headers().lastWithName(FindingRecords.KIND_HEADER).value()).isEqualTo("mismatch");
    }

    @Test
    void aStateFindingHasNoRecordBehindItAndIsFiledUnderItsScope() {
        Instant seen = Instant.parse("2026-11-25T12:00:00Z");
        Finding finding = new Finding("scan-1", "reconcile-policy", "policy", CheckLevel.STATE, Outcome.MISSING_IN_TARGET,
                "range-checksum", "500", List.of(500L), Map.of("holder", "Ann"), null, List.of(), null, "[496, 512)", null,
                seen, seen.plusSeconds(5));

        SinkRecord record = FindingRecords.toRecord(finding);

        assertThat(record.topic()).isEqualTo("policy");
        assertThat(record.kafkaOffset()).isEqualTo(-1);
        Struct value = (Struct) record.value();
        value.validate();
        assertThat(value.getString("check_level")).isEqualTo("state");
        assertThat(value.getString("rule")).isEqualTo("range-checksum");
        assertThat(value.getString("target_version")).isNull();
    }
}
