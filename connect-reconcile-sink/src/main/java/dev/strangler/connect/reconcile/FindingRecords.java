package dev.strangler.connect.reconcile;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;

import dev.strangler.connect.reconcile.evidence.EvidenceJson;
import dev.strangler.connect.reconcile.evidence.Finding;

/**
 * Turns a confirmed (and already masked) finding into the record reported to the mismatch topic: key = the row
 * key, value = the finding with its JSON documents, topic/partition/offset = the record that showed the difference,
 * so the worker's dead-letter headers point back at it.
 */
final class FindingRecords {

    static final Schema VALUE_SCHEMA = SchemaBuilder.struct().name("dev.strangler.connect.reconcile.Finding").version(1)
            .field("run_id", Schema.STRING_SCHEMA)
            .field("connector", Schema.STRING_SCHEMA)
            .field("scope", Schema.STRING_SCHEMA)
            .field("check_level", Schema.STRING_SCHEMA)
            .field("kind", Schema.STRING_SCHEMA)
            .field("rule", Schema.STRING_SCHEMA)
            .field("row_key", Schema.STRING_SCHEMA)
            .field("differences", Schema.STRING_SCHEMA)
            .field("source_version", Schema.OPTIONAL_STRING_SCHEMA)
            .field("target_version", Schema.OPTIONAL_STRING_SCHEMA)
            .field("plan_phase", Schema.OPTIONAL_STRING_SCHEMA)
            .field("system_of_record", Schema.OPTIONAL_STRING_SCHEMA)
            .field("conflict_rule", Schema.OPTIONAL_STRING_SCHEMA)
            .field("first_seen", Schema.STRING_SCHEMA)
            .field("confirmed_at", Schema.STRING_SCHEMA)
            .build();

    static final String KIND_HEADER = "reconcile.kind";
    static final String SCOPE_HEADER = "reconcile.scope";

    private FindingRecords() {
    }

    private static String label(Enum<?> value) {
        return dev.strangler.connect.core.config.EnumValidator.configValue(value);
    }

    static SinkRecord toRecord(Finding finding) {
        Struct value = new Struct(VALUE_SCHEMA)
                .put("run_id", finding.runId())
                .put("connector", finding.connector())
                .put("scope", finding.scope())
                .put("check_level", finding.level().label())
                .put("kind", finding.kind().label())
                .put("rule", finding.rule())
                .put("row_key", finding.rowKey())
                .put("differences", EvidenceJson.differences(finding.differences()))
                .put("source_version", EvidenceJson.version(finding.sourceVersion()))
                .put("target_version", EvidenceJson.version(finding.targetVersion()))
                .put("plan_phase", finding.authority() == null ? null : label(finding.authority().phase()))
                .put("system_of_record", finding.authority() == null ? null : label(finding.authority().systemOfRecord()))
                .put("conflict_rule", finding.authority() == null ? null : label(finding.authority().conflictRule()))
                .put("first_seen", finding.firstSeen().toString())
                .put("confirmed_at", finding.confirmedAt().toString());
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(KIND_HEADER, finding.kind().label());
        headers.addString(SCOPE_HEADER, finding.scope());
        String topic = finding.origin() == null ? finding.scope() : finding.origin().topic();
        int partition = finding.origin() == null ? 0 : finding.origin().partition();
        long offset = finding.origin() == null ? -1L : finding.origin().offset();
        return new SinkRecord(topic, partition, Schema.STRING_SCHEMA, finding.rowKey(), VALUE_SCHEMA, value, offset,
                finding.confirmedAt().toEpochMilli(), org.apache.kafka.common.record.TimestampType.CREATE_TIME, headers);
    }
}
