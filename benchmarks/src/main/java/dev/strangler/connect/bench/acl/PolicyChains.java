package dev.strangler.connect.bench.acl;

import java.util.Map;

import dev.strangler.connect.acl.AssignDomainId;
import dev.strangler.connect.acl.Classify;
import dev.strangler.connect.acl.DomainEventUnwrap;
import dev.strangler.connect.acl.ValueTranslation;

import io.debezium.transforms.ExtractNewRecordState;

import org.apache.kafka.connect.transforms.ExtractField;
import org.apache.kafka.connect.transforms.InsertHeader;
import org.apache.kafka.connect.transforms.RegexRouter;
import org.apache.kafka.connect.transforms.ReplaceField;
import org.apache.kafka.connect.transforms.ValueToKey;

/**
 * The two chains compared, configured as a connector's JSON would configure them.
 *
 * <p>The built-in chain is the closest a user gets without our plugins, and it does less: Kafka and Debezium have
 * no value mapping, no field-value predicate and no name-based id. Each of our steps is replaced by the built-in
 * that does the same structural work: a rename rebuilds the row as a translation does; a static header and a
 * regular-expression route stand for classification and routing; the legacy key copied from the value and
 * extracted stands for the domain id key.
 */
final class PolicyChains {

    private PolicyChains() {
    }

    /** Unwrap + three code mappings + CEL classification with routing + domain id as the record key. */
    static TransformChain antiCorruptionLayer() {
        return new TransformChain("policy-acl")
                .add("unwrap", new DomainEventUnwrap<>(), Map.of())
                .add("status", new ValueTranslation.Value<>(), Map.of(
                        "fields", "status", "mapping", "A=ACTIVE, L=LAPSED, C=CANCELLED"))
                .add("payment", new ValueTranslation.Value<>(), Map.of(
                        "fields", "payment_mode", "mapping", "M=MONTHLY, Q=QUARTERLY, H=HALF_YEARLY, Y=YEARLY"))
                .add("channel", new ValueTranslation.Value<>(), Map.of(
                        "fields", "channel", "mapping", "BR=BROKER, DI=DIRECT, AG=AGENT"))
                .add("classify", new Classify<>(), Map.of(
                        "rules", "EndorsementApproved: value.tx_code == 'END' && value.approved; "
                                + "TechnicalCorrection: value.tx_code == 'COR'; "
                                + "PolicyLapsed: value.status == 'LAPSED'",
                        "topic.format", "policy.${eventType}"))
                .add("identity", new AssignDomainId<>(), Map.of(
                        "key.fields", "policy_no", "namespace", "policy", "key.format", "string"));
    }

    /** Debezium's ExtractNewRecordState + Kafka built-ins doing the same structural work. */
    static TransformChain builtIns() {
        return new TransformChain("policy-builtin")
                .add("unwrap", new ExtractNewRecordState<>(), Map.of(
                        "add.headers", "op,db,schema,table,txId,lsn,source.ts_ms"))
                .add("status", new ReplaceField.Value<>(), Map.of("renames", "status:policy_status"))
                .add("payment", new ReplaceField.Value<>(), Map.of("renames", "payment_mode:payment"))
                .add("channel", new ReplaceField.Value<>(), Map.of("renames", "channel:sales_channel"))
                .add("eventType", new InsertHeader<>(), Map.of("header", "acl.event.type", "value.literal", "Changed"))
                .add("route", new RegexRouter<>(), Map.of("regex", "legacy\\.public\\.policy", "replacement", "policy.Changed"))
                .add("key", new ValueToKey<>(), Map.of("fields", "policy_no"))
                .add("keyField", new ExtractField.Key<>(), Map.of("field", "policy_no"));
    }
}
