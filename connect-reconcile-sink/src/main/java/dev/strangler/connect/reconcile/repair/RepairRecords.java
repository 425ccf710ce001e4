package dev.strangler.connect.reconcile.repair;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.strangler.connect.reconcile.evidence.EvidenceJson;
import dev.strangler.connect.reconcile.evidence.Finding;

/**
 * The record a confirmed finding becomes on the repair topic: key = the finding's row key (so all requests for one
 * row land in one partition, in order), value = a JSON request naming the row and what is wrong with it, headers =
 * run id, scope, kind, rule and check level, so a consumer can route without parsing the value.
 *
 * <p>The value carries the key's values but no other field value: a repair re-reads the system of record instead of
 * trusting a copy, and field values can be personal data (the results table keeps the masked versions). Shape:
 * <pre>{@code
 * {"request_version": 1, "run_id": "...", "connector": "...", "scope": "policy", "check_level": "record|state",
 *  "kind": "mismatch|missing-in-target|missing-in-source", "rule": "field-compare|existence|range-checksum",
 *  "row_key": "7", "key": {"policy_id": "7"}, "differing_fields": ["holder"], "key_range": null,
 *  "first_seen": "2026-...Z", "confirmed_at": "2026-...Z"}
 * }</pre>
 */
public final class RepairRecords {

    public static final int REQUEST_VERSION = 1;
    public static final String RUN_ID_HEADER = "reconcile.run.id";
    public static final String SCOPE_HEADER = "reconcile.scope";
    public static final String KIND_HEADER = "reconcile.kind";
    public static final String RULE_HEADER = "reconcile.rule";
    public static final String CHECK_LEVEL_HEADER = "reconcile.check.level";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String topic;
    private final List<String> keyFields;

    /**
     * @param keyFields the names of the key's parts, in key order (the record fields of {@code mapping.key}, which
     *                  state checks also use as the source's key column)
     */
    public RepairRecords(String topic, List<String> keyFields) {
        this.topic = topic;
        this.keyFields = List.copyOf(keyFields);
    }

    public ProducerRecord<String, String> toRecord(Finding finding) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, RUN_ID_HEADER, finding.runId());
        header(headers, SCOPE_HEADER, finding.scope());
        header(headers, KIND_HEADER, finding.kind().label());
        header(headers, RULE_HEADER, finding.rule());
        header(headers, CHECK_LEVEL_HEADER, finding.level().label());
        return new ProducerRecord<>(topic, null, finding.confirmedAt().toEpochMilli(), finding.rowKey(), value(finding), headers);
    }

    String value(Finding finding) {
        ObjectNode value = NODES.objectNode()
                .put("request_version", REQUEST_VERSION)
                .put("run_id", finding.runId())
                .put("connector", finding.connector())
                .put("scope", finding.scope())
                .put("check_level", finding.level().label())
                .put("kind", finding.kind().label())
                .put("rule", finding.rule())
                .put("row_key", finding.rowKey());
        Map<String, Object> key = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(keyFields.size(), finding.keyValues().size()); i++) {
            key.put(keyFields.get(i), finding.keyValues().get(i));
        }
        value.set("key", EvidenceJson.object(key));
        ArrayNode differing = value.putArray("differing_fields");
        finding.differences().forEach(d -> differing.add(d.field()));
        value.put("key_range", finding.keyRange());
        value.put("first_seen", finding.firstSeen().toString());
        value.put("confirmed_at", finding.confirmedAt().toString());
        return value.toString();
    }

    private static void header(RecordHeaders headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
