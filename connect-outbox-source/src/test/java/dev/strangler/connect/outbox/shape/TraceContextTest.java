package dev.strangler.connect.outbox.shape;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TraceContextTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void aBareTraceparentValue() {
        assertThat(TraceContext.parse(" " + TRACEPARENT + "\n")).contains(new TraceContext(TRACEPARENT, Optional.empty()));
    }

    @Test
    void debeziumTracingSpanContextPropertiesText() {
        String column = "#Tue Nov 24 10:00:00 UTC 2026\ntraceparent=" + TRACEPARENT + "\ntracestate=vendor\\=abc\n";

        assertThat(TraceContext.parse(column)).contains(new TraceContext(TRACEPARENT, Optional.of("vendor=abc")));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",          // no flags
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",       // forbidden version
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",       // all-zero trace id
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",       // all-zero parent id
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01",       // upper case
            "traceparent=garbage",
            "uber-trace-id=abc:def:0:1"})
    void malformedOrMissingValuesGiveNoContext(String column) {
        assertThat(TraceContext.parse(column)).isEmpty();
    }
}
