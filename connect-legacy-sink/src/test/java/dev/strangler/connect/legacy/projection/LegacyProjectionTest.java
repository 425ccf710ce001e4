package dev.strangler.connect.legacy.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.strangler.connect.core.metrics.PluginMetricsRecorder;
import dev.strangler.connect.core.origin.OriginMarker;
import dev.strangler.connect.core.sql.PostgresDialect;
import dev.strangler.connect.legacy.event.ProjectionEvent;
import dev.strangler.connect.legacy.mapping.EventProjector;
import dev.strangler.connect.legacy.mapping.MappingParser;
import dev.strangler.connect.legacy.mapping.ProjectionAuthority;
import dev.strangler.connect.legacy.write.LegacyTableWriter;
import dev.strangler.connect.legacy.write.WriteMetrics;

/**
 * What happens to a batch before any row reaches the database: which events are skipped, set aside or stop the
 * task. The writer here has no database: a batch that needs one fails the test.
 */
class LegacyProjectionTest {

    private static final OriginMarker MARKER = OriginMarker.of("strangler_origin", "strangler-connect");
    private static final String MAPPING = """
            {"valueMappings": {"kind": {"values": {"A": "ACTIVE"}, "unknown": "fail"}},
             "events": {"PolicyChanged": {"writes": [{"table": "policy", "mode": "upsert", "key": ["id"],
               "columns": {"id": {"field": "id"}, "kind": {"field": "kind", "translate": "kind"}}}]}}}
            """;

    private final PluginMetricsRecorder recorder = PluginMetricsRecorder.detached();
    private final WriteMetrics metrics = new WriteMetrics(recorder);

    private LegacyProjection projection(UnmappedEventPolicy policy) {
        LegacyTableWriter noDatabase = new LegacyTableWriter(() -> {
            throw new AssertionError("this batch must not reach the database");
        }, PostgresDialect.INSTANCE, MARKER, metrics);
        return new LegacyProjection(new EventProjector(MappingParser.parse(MAPPING, MARKER, Optional.empty()),
                ProjectionAuthority.everything()), noDatabase, policy, metrics);
    }

    private static ProjectionEvent event(long offset, String type, Map<String, Object> value) {
        return new ProjectionEvent(new ProjectionEvent.RecordPosition("policies", 0, offset), Optional.ofNullable(type), "k",
                value, Instant.EPOCH);
    }

    @Test
    void unmappedEventsAreSkippedAndCountedByDefault() throws Exception {
        ProjectionBatchOutcome outcome = projection(UnmappedEventPolicy.SKIP).apply(List.of(
                event(1, "PolicyRenamed", Map.of()), event(2, null, Map.of()), event(3, null, null)), false);

        assertThat(outcome.rejected()).isEmpty();
        assertThat(recorder.counter("skipped-events", "", Map.of("reason", "unmapped-type")).count()).isEqualTo(1);
        assertThat(recorder.counter("skipped-events", "", Map.of("reason", "no-event-type")).count()).isEqualTo(1);
        assertThat(recorder.counter("skipped-events", "", Map.of("reason", "tombstone")).count()).isEqualTo(1);
    }

    @Test
    void unmappedEventsCanBeDeadLettered() throws Exception {
        ProjectionBatchOutcome outcome = projection(UnmappedEventPolicy.DEAD_LETTER).apply(List.of(
                event(1, "PolicyRenamed", Map.of()), event(2, null, null)), true);

        assertThat(outcome.rejected()).singleElement().satisfies(rejection -> {
            assertThat(rejection.index()).isZero();
            assertThat(rejection.kind()).isEqualTo("unmapped");
            assertThat(rejection.reason()).isEqualTo("no mapping for event type 'PolicyRenamed'");
        });
    }

    @Test
    void anUnmappedEventStopsTheTaskUnderTheFailPolicy() {
        assertThatThrownBy(() -> projection(UnmappedEventPolicy.FAIL).apply(List.of(event(7, "PolicyRenamed", Map.of())), true))
                .isInstanceOf(ProjectionHaltedException.class)
                .hasMessage("Record policies-0@7: no mapping for event type 'PolicyRenamed' (event.unmapped.policy=fail)");
    }

    @ParameterizedTest
    @EnumSource(UnmappedEventPolicy.class)
    void aBadRecordWithoutADeadLetterQueueHaltsTheBatchBeforeAnyWrite(UnmappedEventPolicy policy) {
        // The first event is fine, but nothing may be written when the second one can be neither written nor set aside.
        assertThatThrownBy(() -> projection(policy).apply(List.of(event(1, "PolicyChanged", Map.of("id", 1, "kind", "ACTIVE")),
                event(2, "PolicyChanged", Map.of("kind", "ACTIVE"))), false))
                .isInstanceOf(ProjectionHaltedException.class)
                .hasMessageStartingWith("Record policies-0@2 cannot be projected (policy: key column id has no value)");
    }

    @Test
    void aValueOutsideAFailPolicyMappingStopsTheTask() {
        assertThatThrownBy(() -> projection(UnmappedEventPolicy.SKIP).apply(List.of(
                event(3, "PolicyChanged", Map.of("id", 1, "kind", "DORMANT"))), true))
                .isInstanceOf(ProjectionHaltedException.class)
                .hasMessage("Record policies-0@3 cannot be projected: value mapping 'kind' has no legacy code for the value of field 'kind'");
    }
}
