package dev.strangler.connect.acl.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuarantineRouterTest {

    private static SourceRecord record(String topic) {
        return new SourceRecord(Map.of("db", "x"), Map.of("lsn", 1L), topic, 4, Schema.STRING_SCHEMA, "k",
                Schema.STRING_SCHEMA, "v", 99L, new ConnectHeaders().addString("trace", "t-1"));
    }

    @ParameterizedTest
    @CsvSource({"${topic}.quarantine, legacy.policy, legacy.policy.quarantine", "acl-quarantine, legacy.policy, acl-quarantine",
            "q.${topic}.${topic}, t, q.t.t"})
    void topicPatternNamesTheQuarantineTopic(String pattern, String topic, String expected) {
        QuarantineRouter router = new QuarantineRouter("T", RejectPolicy.QUARANTINE, pattern, TransformMetrics.detached());

        assertThat(router.topicFor(topic)).isEqualTo(expected);
    }

    @Test
    void rejectedRecordKeepsEverythingButTopicAndPartitionAndGainsHeaders() {
        TransformMetrics metrics = TransformMetrics.detached();
        QuarantineRouter router = new QuarantineRouter("T", RejectPolicy.QUARANTINE, "${topic}.q", metrics);
        SourceRecord in = record("legacy.policy");

        SourceRecord out = router.process(in, r -> {
            throw new RecordRejectedException(RejectReason.NO_MATCH, "code", "does not match");
        });

        assertThat(out.topic()).isEqualTo("legacy.policy.q");
        assertThat(out.kafkaPartition()).isNull();
        assertThat(out.sourcePartition()).isEqualTo(in.sourcePartition());
        assertThat(out.sourceOffset()).isEqualTo(in.sourceOffset());
        assertThat(out.key()).isEqualTo("k");
        assertThat(out.value()).isEqualTo("v");
        assertThat(out.timestamp()).isEqualTo(99L);
        assertThat(out.headers().lastWithName("trace").value()).isEqualTo("t-1");
        assertThat(out.headers().lastWithName(QuarantineHeaders.REASON).value()).isEqualTo("no-match");
        assertThat(in.headers().lastWithName(QuarantineHeaders.QUARANTINED)).isNull();
        assertThat(QuarantineHeaders.isQuarantined(out)).isTrue();
        assertThat(metrics.recorder().counter("records-quarantined", "", Map.of("reason", "no-match")).count()).isEqualTo(1);
    }

    @Test
    void everyRecordInIsCountedOnceMore() {
        TransformMetrics metrics = TransformMetrics.detached();
        QuarantineRouter router = new QuarantineRouter("T", RejectPolicy.QUARANTINE, "q", metrics);
        SourceRecord in = record("t");

        router.process(in, r -> r.newRecord("t2", null, null, "k", null, "v2", 1L));     // out
        router.process(in, r -> r);                                                      // passed over
        router.process(in, r -> null);                                                   // dropped
        SourceRecord quarantined = router.process(in, r -> {
            throw new RecordRejectedException(RejectReason.IDENTITY, "k", "x");
        });
        router.process(quarantined, r -> {
            throw new AssertionError("a quarantined record must not be processed again");
        });

        assertThat(metrics.recorder().counter("records-in", "").count()).isEqualTo(5);
        assertThat(metrics.recorder().counter("records-out", "").count()).isEqualTo(1);
        assertThat(metrics.recorder().counter("records-passed-over", "").count()).isEqualTo(2);
        assertThat(metrics.recorder().counter("records-dropped", "").count()).isEqualTo(1);
        assertThat(metrics.recorder().counter("records-quarantined", "", Map.of("reason", "identity")).count()).isEqualTo(1);
    }

    @Test
    void anAuthorityViolationIsPassedOverLikeAQuarantinedRecord() {
        TransformMetrics metrics = TransformMetrics.detached();
        QuarantineRouter router = new QuarantineRouter("DomainEventUnwrap", RejectPolicy.QUARANTINE, "q", metrics);
        SourceRecord violation = record("strangler.authority.violations");
        violation.headers().addString(QuarantineHeaders.VIOLATION_SCOPE, "address-de");

        SourceRecord out = router.process(violation, r -> {
            throw new AssertionError("a violation must never be turned into a domain event");
        });

        assertThat(out).isSameAs(violation);
        assertThat(QuarantineHeaders.isSetAside(out)).isTrue();
        assertThat(metrics.recorder().counter("records-passed-over", "").count()).isEqualTo(1);
    }

    @Test
    void failPolicyFailsWithTheRuleAndReason() {
        QuarantineRouter router = new QuarantineRouter("ValueTranslation", RejectPolicy.FAIL, "q", TransformMetrics.detached());

        assertThatThrownBy(() -> router.process(record("legacy.policy"), r -> {
            throw new RecordRejectedException(RejectReason.UNKNOWN_CODE, "after.status", "Unknown code 'Z' in field after.status");
        })).isInstanceOf(DataException.class).hasMessage("ValueTranslation rejected a record of topic legacy.policy "
                + "(rule after.status, reason unknown-code): Unknown code 'Z' in field after.status");
    }
}
