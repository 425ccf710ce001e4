package dev.strangler.connect.outbox.shape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicRouterTest {

    @ParameterizedTest(name = "{0} with {1} -> {2}")
    @CsvSource(textBlock = """
            outbox.event.${aggregatetype}, Order,     outbox.event.Order
            ${aggregatetype}-events,       customer,  customer-events
            ${aggregatetype},              a_b.c-d,   a_b.c-d
            all.events,                    Order,     all.events
            """)
    void routesByAggregateType(String pattern, String aggregateType, String topic) throws BadRowException {
        assertThat(TopicRouter.of(pattern).route(aggregateType)).isEqualTo(topic);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            outbox.${aggregate}                 | unknown placeholder '${aggregate}'
            outbox/${aggregatetype}             | illegal topic names
            outbox event                        | illegal topic names
            ..                                  | illegal topic names
            """)
    void rejectsPatternsThatCannotMakeLegalTopics(String pattern, String message) {
        assertThatThrownBy(() -> TopicRouter.of(pattern)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            order events
            order/events
            ''
            """)
    void anAggregateTypeThatMakesAnIllegalTopicIsABadRow(String aggregateType) {
        TopicRouter router = TopicRouter.of("outbox.event.${aggregatetype}");
        assertThatThrownBy(() -> router.route(aggregateType))
                .isInstanceOf(BadRowException.class)
                .satisfies(e -> assertThat(((BadRowException) e).reason()).isEqualTo(BadRowReason.INVALID_TOPIC));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ''
            '  '
            """)
    void blankPatternIsRejected(String pattern) {
        assertThatThrownBy(() -> TopicRouter.of(pattern)).hasMessageContaining("a topic pattern is required");
    }
}
