package dev.strangler.connect.outbox.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import dev.strangler.connect.core.metrics.PluginMetricsRecorder;
import dev.strangler.connect.core.sql.TableName;
import dev.strangler.connect.outbox.housekeeping.Housekeeper;
import dev.strangler.connect.outbox.metrics.OutboxMetrics;
import dev.strangler.connect.outbox.model.OutboxPayload;
import dev.strangler.connect.outbox.model.OutboxPosition;
import dev.strangler.connect.outbox.model.OutboxRow;
import dev.strangler.connect.outbox.plan.PlanBinding;
import dev.strangler.connect.outbox.plan.PublicationAuthority;
import dev.strangler.connect.outbox.plan.PublicationGuard;
import dev.strangler.connect.outbox.plan.PublisherViolationPolicy;
import dev.strangler.connect.outbox.plan.TestPlan;
import dev.strangler.connect.outbox.shape.BadRowPolicy;
import dev.strangler.connect.outbox.shape.BadRowReason;
import dev.strangler.connect.outbox.shape.MetadataPlacement;
import dev.strangler.connect.outbox.shape.OutboxEventShaper;
import dev.strangler.connect.outbox.shape.PayloadFormat;
import dev.strangler.connect.outbox.shape.TopicRouter;

class OutboxPollerTest {

    private static final TableName ORDERS = TableName.parse("orders_outbox");
    private static final TableName CUSTOMERS = TableName.parse("customers_outbox");

    private final InMemoryOutboxReader reader = new InMemoryOutboxReader();
    private final OutboxMetrics metrics = new OutboxMetrics(PluginMetricsRecorder.detached());
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final List<String> housekeeping = new ArrayList<>();

    private static OutboxRow row(TableName table, long xid, long id, String payload) {
        return new OutboxRow(table, new OutboxPosition(xid, Long.toString(id)), "Order", "agg-" + id, "Created",
                Optional.ofNullable(payload).map(OutboxPayload::text), Optional.empty(), Optional.empty(), Optional.empty(), Map.of());
    }

    private static OutboxRow good(TableName table, long xid, long id) {
        return row(table, xid, id, "{\"n\":" + id + "}");
    }

    private OutboxPoller poller(List<TableName> tables, BadRowPolicy policy, int batchSize, Map<TableName, Optional<OutboxPosition>> start,
                                Housekeeper housekeeper) {
        OutboxEventShaper shaper = new OutboxEventShaper(TopicRouter.of("outbox.event.${aggregatetype}"), PayloadFormat.EXPANDED,
                MetadataPlacement.HEADER, false, List.of(), Optional.of("outbox.errors"), metrics::malformedTraceContext);
        return new OutboxPoller(tables, start, reader, shaper, PublicationGuard.publishEverything(), policy, batchSize, housekeeper, 10_000, metrics, clock::get);
    }

    private OutboxPoller poller(BadRowPolicy policy, int batchSize) {
        return poller(List.of(ORDERS), policy, batchSize, Map.of(), Housekeeper.LEAVE);
    }

    private static List<String> ids(List<SourceRecord> records) {
        return records.stream().map(r -> r.sourceOffset().get("xid") + "/" + r.sourceOffset().get("id")).toList();
    }

    @Test
    void publishesInTransactionOrderAndResumesAfterTheLastRowAcrossBatches() throws SQLException {
        reader.add(good(ORDERS, 20, 1));
        reader.add(good(ORDERS, 10, 3));
        reader.add(good(ORDERS, 10, 2));
        reader.add(good(ORDERS, 30, 4));
        OutboxPoller poller = poller(BadRowPolicy.FAIL, 2);

        assertThat(ids(poller.poll().records())).containsExactly("10/2", "10/3");
        assertThat(ids(poller.poll().records())).containsExactly("20/1", "30/4");
        assertThat(poller.poll().isEmpty()).isTrue();
        assertThat(reader.reads).containsExactly("orders_outbox after start", "orders_outbox after 10/3", "orders_outbox after 30/4");
    }

    @Test
    void startsAfterTheCommittedOffset() throws SQLException {
        reader.add(good(ORDERS, 10, 1));
        reader.add(good(ORDERS, 11, 2));
        OutboxPoller poller = poller(List.of(ORDERS), BadRowPolicy.FAIL, 10, Map.of(ORDERS, Optional.of(new OutboxPosition(10, "1"))),
                Housekeeper.LEAVE);

        assertThat(ids(poller.poll().records())).containsExactly("11/2");
    }

    @Test
    void transactionEndsAreTheLastRecordOfEachCompleteSourceTransaction() throws SQLException {
        reader.add(good(ORDERS, 10, 1));
        reader.add(good(ORDERS, 10, 2));
        reader.add(good(ORDERS, 11, 3));
        reader.add(good(ORDERS, 12, 4));
        reader.add(good(ORDERS, 12, 5));
        OutboxPoller poller = poller(BadRowPolicy.FAIL, 4);

        PolledBatch first = poller.poll();
        // The limit cut transaction 12 after row 4: it is not complete, so no boundary after it.
        assertThat(ids(first.transactionEnds())).containsExactly("10/2", "11/3");
        PolledBatch second = poller.poll();
        assertThat(ids(second.records())).containsExactly("12/5");
        assertThat(ids(second.transactionEnds())).containsExactly("12/5");
    }

    @Test
    void aTableWhoseBatchStoppedInsideATransactionIsReadAgainBeforeTheNextTable() throws SQLException {
        reader.add(good(ORDERS, 10, 1));
        reader.add(good(ORDERS, 10, 2));
        reader.add(good(CUSTOMERS, 5, 1));
        OutboxPoller poller = poller(List.of(ORDERS, CUSTOMERS), BadRowPolicy.FAIL, 1, Map.of(), Housekeeper.LEAVE);

        assertThat(ids(poller.poll().records())).containsExactly("10/1");
        assertThat(ids(poller.poll().records())).containsExactly("10/2");
        assertThat(ids(poller.poll().records())).containsExactly("5/1");
        assertThat(reader.reads).containsExactly("orders_outbox after start", "orders_outbox after 10/1", "customers_outbox after start");
    }

    @Test
    void tablesTakeTurnsAndAnIdleTableDoesNotEndThePoll() throws SQLException {
        reader.add(good(CUSTOMERS, 5, 1));
        reader.add(good(CUSTOMERS, 6, 2));
        OutboxPoller poller = poller(List.of(ORDERS, CUSTOMERS), BadRowPolicy.FAIL, 1, Map.of(), Housekeeper.LEAVE);

        assertThat(ids(poller.poll().records())).containsExactly("5/1");
        assertThat(ids(poller.poll().records())).containsExactly("6/2");
        assertThat(reader.reads).containsExactly("orders_outbox after start", "customers_outbox after start",
                "orders_outbox after start", "customers_outbox after 5/1");
    }

    @Test
    void failPolicyPublishesUpToTheBadRowThenStopsWithoutMovingPastIt() throws SQLException {
        reader.add(good(ORDERS, 10, 1));
        reader.add(good(ORDERS, 11, 2));
        reader.add(row(ORDERS, 11, 3, "{broken"));
        reader.add(good(ORDERS, 12, 4));
        OutboxPoller poller = poller(BadRowPolicy.FAIL, 10);

        PolledBatch beforeBadRow = poller.poll();
        assertThat(ids(beforeBadRow.records())).containsExactly("10/1", "11/2");
        // Transaction 11 continues with the bad row: it must not be committed as complete.
        assertThat(ids(beforeBadRow.transactionEnds())).containsExactly("10/1");

        assertThatThrownBy(poller::poll).isInstanceOf(ConnectException.class)
                .hasMessageContaining("Outbox row 3 of orders_outbox at position 11/3 cannot be published (invalid-json)")
                .hasMessageNotContaining("broken");
        assertThat(poller.positions()).containsEntry(ORDERS, Optional.of(new OutboxPosition(11, "2")));
        assertThat(metrics.badRows(ORDERS, BadRowReason.INVALID_JSON, BadRowPolicy.FAIL)).isEqualTo(1);
        assertThat(reader.reads).containsExactly("orders_outbox after start", "orders_outbox after 11/2");
    }

    @Test
    void skipPolicyCountsTheRowAndMovesPastIt() throws SQLException {
        reader.add(good(ORDERS, 10, 1));
        reader.add(row(ORDERS, 11, 2, "{broken"));
        reader.add(good(ORDERS, 12, 3));
        OutboxPoller poller = poller(BadRowPolicy.SKIP, 10);

        PolledBatch batch = poller.poll();

        assertThat(ids(batch.records())).containsExactly("10/1", "12/3");
        assertThat(ids(batch.transactionEnds())).containsExactly("10/1", "12/3");
        assertThat(metrics.badRows(ORDERS, BadRowReason.INVALID_JSON, BadRowPolicy.SKIP)).isEqualTo(1);
        assertThat(poller.positions()).containsEntry(ORDERS, Optional.of(new OutboxPosition(12, "3")));
    }

    @Test
    void skippedRowsThatEndATransactionOpenedInAnEarlierPollAskForACommit() throws SQLException {
        reader.add(good(ORDERS, 10, 1));
        reader.add(row(ORDERS, 10, 2, "{broken"));
        OutboxPoller poller = poller(BadRowPolicy.SKIP, 1);

        PolledBatch first = poller.poll();
        assertThat(ids(first.records())).containsExactly("10/1");
        assertThat(first.transactionEnds()).isEmpty();
        PolledBatch second = poller.poll();
        assertThat(second.records()).isEmpty();
        assertThat(second.earlierTransactionEnded()).isTrue();
        assertThat(poller.poll().earlierTransactionEnded()).isFalse();
    }

    private static OutboxRow endorsement(long xid, long id, String country) {
        return new OutboxRow(ORDERS, new OutboxPosition(xid, Long.toString(id)), "Endorsement", "e-" + id, "Changed",
                Optional.of(OutboxPayload.text("{\"product_line\": \"AUTO\", \"country\": \"" + country + "\"}")),
                Optional.of(Instant.parse("2027-03-01T00:00:00Z").toEpochMilli()), Optional.empty(), Optional.empty(), Map.of());
    }

    @Test
    void eventsThePlanSkipsMoveThePositionOnAndStillEndTheirSourceTransaction() throws SQLException {
        reader.add(endorsement(10, 1, "DE"));
        reader.add(endorsement(10, 2, "AT"));
        reader.add(endorsement(11, 3, "FR"));
        reader.add(endorsement(12, 4, "DE"));
        OutboxEventShaper shaper = new OutboxEventShaper(TopicRouter.of("outbox.event.${aggregatetype}"), PayloadFormat.EXPANDED,
                MetadataPlacement.HEADER, false, List.of(), Optional.empty(), metrics::malformedTraceContext);
        PublicationGuard guard = new PublicationGuard(new PublicationAuthority(TestPlan.PLAN,
                PlanBinding.parse(List.of("Endorsement=endorsement"), List.of(), TestPlan.PLAN, List.of())), PublisherViolationPolicy.SKIP,
                "violations", metrics::publisherViolation);
        OutboxPoller poller = new OutboxPoller(List.of(ORDERS), Map.of(), reader, shaper, guard, BadRowPolicy.FAIL, 10,
                Housekeeper.LEAVE, 10_000, metrics, clock::get);

        PolledBatch batch = poller.poll();

        assertThat(ids(batch.records())).containsExactly("10/1", "12/4");
        // Transaction 10 ends after its skipped second row; transaction 11 had nothing to publish.
        assertThat(ids(batch.transactionEnds())).containsExactly("10/1", "12/4");
        assertThat(poller.positions()).containsEntry(ORDERS, Optional.of(new OutboxPosition(12, "4")));
        assertThat(metrics.publisherViolations(ORDERS, "endorsements", PublisherViolationPolicy.SKIP)).isEqualTo(2);
    }

    @Test
    void errorTopicPolicyPublishesTheBadRowInItsPlace() throws SQLException {
        reader.add(good(ORDERS, 10, 1));
        reader.add(row(ORDERS, 11, 2, "{broken"));
        OutboxPoller poller = poller(BadRowPolicy.ERROR_TOPIC, 10);

        List<SourceRecord> records = poller.poll().records();

        assertThat(records).extracting(SourceRecord::topic).containsExactly("outbox.event.Order", "outbox.errors");
        assertThat(ids(records)).containsExactly("10/1", "11/2");
        assertThat(records.get(1).headers().lastWithName("outbox.error.reason").value()).isEqualTo("invalid-json");
        assertThat(metrics.badRows(ORDERS, BadRowReason.INVALID_JSON, BadRowPolicy.ERROR_TOPIC)).isEqualTo(1);
    }

    @Test
    void housekeepingRunsOnlyForCommittedPositionsAndAtMostOncePerInterval() throws SQLException {
        reader.add(good(ORDERS, 10, 1));
        reader.add(good(ORDERS, 11, 2));
        Housekeeper recording = (table, committed) -> {
            housekeeping.add(table + " up to " + committed);
            return 1;
        };
        OutboxPoller poller = poller(List.of(ORDERS), BadRowPolicy.FAIL, 10, Map.of(), recording);

        poller.poll();
        clock.addAndGet(20_000);
        poller.poll();
        assertThat(housekeeping).as("records sent but no offset committed yet").isEmpty();

        Map<TableName, OutboxPosition> committed = new HashMap<>();
        committed.put(ORDERS, new OutboxPosition(10, "1"));
        committed.put(TableName.parse("not_mine"), new OutboxPosition(99, "9"));
        poller.offsetsCommitted(committed);
        poller.poll();
        assertThat(housekeeping).as("interval not elapsed since the last run").isEmpty();

        clock.addAndGet(10_000);
        poller.poll();
        assertThat(housekeeping).containsExactly("orders_outbox up to 10/1");
    }
}
