package dev.strangler.connect.outbox.shape;

import java.io.IOException;
import java.io.StringReader;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The W3C Trace Context of an event (https://www.w3.org/TR/trace-context/), read from the outbox's tracing
 * column so that a consumer continues the trace of the request that wrote the event. The column holds either the
 * {@code traceparent} value itself or, as Debezium's outbox {@code tracingspancontext} column does, Java
 * properties text with {@code traceparent=} and optionally {@code tracestate=} lines.
 *
 * <p>Tracing is best effort: a malformed value is dropped (and counted), it never makes a row bad.
 */
public record TraceContext(String traceparent, Optional<String> tracestate) {

    public static final String TRACEPARENT_HEADER = "traceparent";
    public static final String TRACESTATE_HEADER = "tracestate";

    // version-traceid-parentid-flags; version ff, all-zero trace ids and all-zero parent ids are invalid.
    private static final Pattern TRACEPARENT = Pattern.compile("(?!ff)[0-9a-f]{2}-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}");

    /** The trace context in a tracing column value; empty when there is none or it is malformed. */
    public static Optional<TraceContext> parse(String columnValue) {
        if (columnValue == null || columnValue.isBlank()) {
            return Optional.empty();
        }
        String traceparent = columnValue.trim();
        Optional<String> tracestate = Optional.empty();
        if (columnValue.contains(TRACEPARENT_HEADER + "=")) {
            Properties properties = new Properties();
            try {
                properties.load(new StringReader(columnValue));
            } catch (IOException | IllegalArgumentException e) {
                return Optional.empty();
            }
            traceparent = properties.getProperty(TRACEPARENT_HEADER, "").trim();
            tracestate = Optional.ofNullable(properties.getProperty(TRACESTATE_HEADER)).map(String::trim).filter(s -> !s.isEmpty());
        }
        if (!TRACEPARENT.matcher(traceparent).matches()) {
            return Optional.empty();
        }
        return Optional.of(new TraceContext(traceparent, tracestate));
    }
}
