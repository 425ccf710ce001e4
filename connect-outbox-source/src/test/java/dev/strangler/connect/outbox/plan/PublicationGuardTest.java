package dev.strangler.connect.outbox.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import dev.strangler.connect.core.plan.ViolationHeaderNames;
import dev.strangler.connect.core.sql.TableName;
import dev.strangler.connect.outbox.model.OutboxPayload;
import dev.strangler.connect.outbox.model.OutboxPosition;
import dev.strangler.connect.outbox.model.OutboxRow;
import dev.strangler.connect.outbox.shape.BadRowException;
import dev.strangler.connect.outbox.shape.BadRowReason;
import dev.strangler.connect.outbox.shape.MetadataPlacement;
import dev.strangler.connect.outbox.shape.OutboxEventShaper;
import dev.strangler.connect.outbox.shape.PayloadFormat;
import dev.strangler.connect.outbox.shape.TopicRouter;

class PublicationGuardTest {

    private static final TableName OUTBOX = TableName.parse("outbox");
    private static final Instant BEFORE_CUTOVER = Instant.parse("2027-01-31T23:59:59.999Z");
    private static final Instant AT_CUTOVER = Instant.parse("2027-02-01T00:00:00Z");

    private final OutboxEventShaper shaper = new OutboxEventShaper(TopicRouter.of("outbox.event.${aggregatetype}"), PayloadFormat.EXPANDED,
            MetadataPlacement.HEADER, false, List.of(), Optional.empty(), () -> { });
    private final List<String> violations = new ArrayList<>();

    private PublicationGuard guard(PublisherViolationPolicy policy, List<String> fields) {
        PlanBinding binding = PlanBinding.parse(List.of("Endorsement=endorsement"), fields, TestPlan.PLAN, List.of("country"));
        return new PublicationGuard(new PublicationAuthority(TestPlan.PLAN, binding), policy, "strangler.authority.violations",
                (table, scope, p) -> violations.add(table + " " + scope + " " + p));
    }

    private static OutboxRow row(String aggregateType, String payload, Instant time, Map<String, String> additional) {
        return new OutboxRow(OUTBOX, new OutboxPosition(42, "7"), aggregateType, "e-1", "AddressChanged",
                Optional.of(OutboxPayload.text(payload)), Optional.ofNullable(time).map(Instant::toEpochMilli), Optional.empty(),
                Optional.empty(), additional);
    }

    private static OutboxRow endorsement(String productLine, String country, Instant time) {
        return row("Endorsement", "{\"product_line\": \"" + productLine + "\", \"country\": \"" + country + "\"}", time, Map.of());
    }

    private Optional<SourceRecord> check(PublicationGuard guard, OutboxRow row) throws BadRowException {
        return guard.check(row, shaper.toRecord(row));
    }

    private static String header(SourceRecord record, String key) {
        Header header = record.headers().lastWithName(key);
        return header == null ? null : header.value().toString();
    }

    @Test
    void anEventOfAScopeTheServicePublishesGoesOutUnchanged() throws BadRowException {
        OutboxRow row = endorsement("AUTO", "DE", AT_CUTOVER);
        SourceRecord shaped = shaper.toRecord(row);

        Optional<SourceRecord> published = guard(PublisherViolationPolicy.VIOLATION_TOPIC, List.of()).check(row, shaped);

        assertThat(published).containsSame(shaped);
        assertThat(shaped.headers().lastWithName(ViolationHeaderNames.SCOPE)).isNull();
        assertThat(violations).isEmpty();
    }

    @Test
    void anEventOfALegacyPublishedScopeGoesToTheViolationTopicWithReasonHeadersAndItsPosition() throws BadRowException {
        OutboxRow row = endorsement("AUTO", "DE", BEFORE_CUTOVER);

        SourceRecord diverted = check(guard(PublisherViolationPolicy.VIOLATION_TOPIC, List.of()), row).orElseThrow();

        assertThat(diverted.topic()).isEqualTo("strangler.authority.violations");
        assertThat(diverted.key()).isEqualTo("e-1");
        assertThat(diverted.sourceOffset()).isEqualTo(shaper.toRecord(row).sourceOffset());
        assertThat(header(diverted, OutboxEventShaper.EVENT_ID_HEADER)).isEqualTo("7");
        assertThat(header(diverted, ViolationHeaderNames.SCOPE)).isEqualTo("auto-de");
        assertThat(header(diverted, ViolationHeaderNames.PHASE)).isEqualTo("1");
        assertThat(header(diverted, ViolationHeaderNames.PUBLISHER)).isEqualTo("legacy");
        assertThat(header(diverted, ViolationHeaderNames.REASON)).isEqualTo("service-published-legacy-scope");
        assertThat(header(diverted, ViolationHeaderNames.TABLE)).isEqualTo("outbox");
        assertThat(header(diverted, ViolationHeaderNames.EVENT_TIME)).isEqualTo("2027-01-31T23:59:59.999Z");
        assertThat(header(diverted, ViolationHeaderNames.EFFECTIVE_SINCE)).isEqualTo("2027-01-01T00:00:00Z");
        assertThat(violations).containsExactly("outbox auto-de VIOLATION_TOPIC");
    }

    @Test
    void aRecordOutsideTheMigratedSliceBelongsToTheCatchAllScopeWhichLegacyPublishes() throws BadRowException {
        Optional<SourceRecord> diverted = check(guard(PublisherViolationPolicy.VIOLATION_TOPIC, List.of()), endorsement("AUTO", "AT", AT_CUTOVER));

        assertThat(diverted).get().extracting(SourceRecord::topic).isEqualTo("strangler.authority.violations");
        assertThat(violations).containsExactly("outbox endorsements VIOLATION_TOPIC");
    }

    @Test
    void publishWithHeadersKeepsTheDomainTopicAndAddsTheViolationHeaders() throws BadRowException {
        SourceRecord marked = check(guard(PublisherViolationPolicy.PUBLISH_WITH_HEADERS, List.of()),
                endorsement("AUTO", "DE", BEFORE_CUTOVER)).orElseThrow();

        assertThat(marked.topic()).isEqualTo("outbox.event.Endorsement");
        assertThat(header(marked, ViolationHeaderNames.SCOPE)).isEqualTo("auto-de");
        assertThat(header(marked, ViolationHeaderNames.REASON)).isEqualTo("service-published-legacy-scope");
        assertThat(violations).hasSize(1);
    }

    @Test
    void skipPublishesNothingButCountsTheViolation() throws BadRowException {
        assertThat(check(guard(PublisherViolationPolicy.SKIP, List.of()), endorsement("AUTO", "DE", BEFORE_CUTOVER))).isEmpty();
        assertThat(violations).containsExactly("outbox auto-de SKIP");
    }

    @Test
    void eventsThePlanDoesNotGovernArePublished() throws BadRowException {
        PublicationGuard guard = guard(PublisherViolationPolicy.VIOLATION_TOPIC, List.of());

        assertThat(check(guard, row("Order", "{}", BEFORE_CUTOVER, Map.of()))).get().extracting(SourceRecord::topic)
                .isEqualTo("outbox.event.Order");
        assertThat(check(guard, endorsement("AUTO", "DE", Instant.parse("2026-12-31T23:59:59Z")))).get()
                .extracting(SourceRecord::topic).isEqualTo("outbox.event.Endorsement");
        assertThat(violations).isEmpty();
    }

    @Test
    void fieldsComeFromConfiguredPayloadPathsAndAdditionalColumns() throws BadRowException {
        PublicationGuard guard = guard(PublisherViolationPolicy.VIOLATION_TOPIC,
                List.of("endorsement.product_line=payload:policy.line", "endorsement.country=column:country"));
        OutboxRow nested = row("Endorsement", "{\"policy\": {\"line\": \"AUTO\"}, \"country\": \"AT\"}", AT_CUTOVER, Map.of("country", "DE"));

        assertThat(check(guard, nested)).get().extracting(SourceRecord::topic).isEqualTo("outbox.event.Endorsement");
        assertThat(violations).isEmpty();
    }

    @Test
    void aGovernedEventWithoutEventTimeIsABadRow() {
        assertThatThrownBy(() -> check(guard(PublisherViolationPolicy.VIOLATION_TOPIC, List.of()), endorsement("AUTO", "DE", null)))
                .isInstanceOfSatisfying(BadRowException.class, e -> assertThat(e.reason()).isEqualTo(BadRowReason.MISSING_COLUMN))
                .hasMessageContaining("event's time");
    }

    @Test
    void withoutAPlanEverythingIsPublishedAndNoTopicIsTheViolationTopic() throws BadRowException {
        OutboxRow row = endorsement("AUTO", "DE", BEFORE_CUTOVER);
        SourceRecord shaped = shaper.toRecord(row);

        assertThat(PublicationGuard.publishEverything().check(row, shaped)).containsSame(shaped);
        assertThat(PublicationGuard.publishEverything().isViolationTopic("strangler.authority.violations")).isFalse();
    }
}
