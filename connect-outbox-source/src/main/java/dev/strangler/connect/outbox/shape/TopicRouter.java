package dev.strangler.connect.outbox.shape;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chooses the topic of an event from its aggregate type with a pattern such as {@code outbox.event.${aggregatetype}}
 * (Debezium's EventRouter default is {@code outbox.event.${routedByValue}}). The pattern is checked when the
 * connector is configured; the aggregate type of each row is checked when it is routed, and a value that makes an
 * illegal topic name is a bad row, not a producer failure that would stop the task.
 */
public final class TopicRouter {

    public static final String AGGREGATE_TYPE_PLACEHOLDER = "${aggregatetype}";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern LEGAL_TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private final String pattern;
    private final boolean usesAggregateType;

    private TopicRouter(String pattern) {
        this.pattern = pattern;
        this.usesAggregateType = pattern.contains(AGGREGATE_TYPE_PLACEHOLDER);
    }

    /** @throws IllegalArgumentException saying what is wrong with the pattern */
    public static TopicRouter of(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("a topic pattern is required, e.g. outbox.event." + AGGREGATE_TYPE_PLACEHOLDER);
        }
        Matcher placeholders = PLACEHOLDER.matcher(pattern);
        while (placeholders.find()) {
            if (!placeholders.group().equals(AGGREGATE_TYPE_PLACEHOLDER)) {
                throw new IllegalArgumentException("unknown placeholder '" + placeholders.group() + "': the only placeholder is "
                        + AGGREGATE_TYPE_PLACEHOLDER);
            }
        }
        String literal = pattern.replace(AGGREGATE_TYPE_PLACEHOLDER, "");
        if (!literal.isEmpty() && !LEGAL_TOPIC.matcher(literal).matches()) {
            throw new IllegalArgumentException("'" + pattern + "' makes illegal topic names: outside the placeholder use only"
                    + " letters, digits, '.', '_' and '-'");
        }
        String sample = pattern.replace(AGGREGATE_TYPE_PLACEHOLDER, "x");
        if (sample.length() > 249 || sample.equals(".") || sample.equals("..")) {
            throw new IllegalArgumentException("'" + pattern + "' makes illegal topic names (too long, '.' or '..')");
        }
        return new TopicRouter(pattern);
    }

    /** @throws BadRowException with {@link BadRowReason#INVALID_TOPIC} when the aggregate type makes an illegal name */
    public String route(String aggregateType) throws BadRowException {
        if (!usesAggregateType) {
            return pattern;
        }
        if (aggregateType.isEmpty()) {
            throw new BadRowException(BadRowReason.INVALID_TOPIC, "the aggregate type is empty, so pattern '" + pattern + "' names no topic");
        }
        String topic = pattern.replace(AGGREGATE_TYPE_PLACEHOLDER, aggregateType);
        if (!LEGAL_TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
            throw new BadRowException(BadRowReason.INVALID_TOPIC, "the aggregate type does not make a legal topic name with pattern '"
                    + pattern + "' (use letters, digits, '.', '_' and '-', at most 249 characters)");
        }
        return topic;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
