package dev.strangler.connect.bench.acl;

import java.util.List;
import java.util.function.Function;

import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Checks, before anything is timed, that each alternative does the work it is measured for: a benchmark of a chain
 * that quarantines every record, or of a converter that loses the value, would measure the wrong path.
 */
final class ChainOutputCheck {

    private ChainOutputCheck() {
    }

    static void verify(List<SourceRecord> records, TransformChain antiCorruptionLayer, TransformChain builtIns,
                       Function<SourceRecord, SchemaAndValue[]> jsonRoundTrip) {
        for (SourceRecord pooled : records) {
            SourceRecord record = AclChainBenchmark.fresh(pooled);
            SourceRecord acl = antiCorruptionLayer.apply(record);
            require(acl != null && acl.headers().lastWithName("acl.quarantined") == null, "the ACL chain quarantined or dropped a record");
            require(acl.topic().startsWith("policy.") && acl.key() instanceof String, "the ACL chain did not route and key the record");
            Struct aclValue = (Struct) acl.value();
            require(!aclValue.getString("status").equals(((Struct) ((Struct) record.value()).get("after")).getString("status")),
                    "the ACL chain did not translate the status");
            require(aclValue.getString("channel").length() > 2, "the ACL chain did not translate the channel");

            SourceRecord builtIn = builtIns.apply(AclChainBenchmark.fresh(pooled));
            require(builtIn != null && "policy.Changed".equals(builtIn.topic()) && builtIn.key() instanceof String,
                    "the built-in chain did not route and key the record");
            require(((Struct) builtIn.value()).schema().field("policy_status") != null, "the built-in chain did not rename");
            require(builtIn.headers().lastWithName("__op") != null, "ExtractNewRecordState added no headers");

            SchemaAndValue[] json = jsonRoundTrip.apply(record);
            require(record.value().equals(json[1].value()) && record.key().equals(json[0].value()),
                    "the JSON round trip changed the record");
            require(pooled.headers().isEmpty(), "a pooled input record was changed");
        }
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalStateException("Benchmark input check failed: " + problem);
        }
    }
}
