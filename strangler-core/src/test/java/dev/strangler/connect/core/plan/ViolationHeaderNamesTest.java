package dev.strangler.connect.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ViolationHeaderNamesTest {

    /** The names are read by operators' filters and by other plugins' consumers: a rename is a breaking change. */
    @Test
    void theHeaderNamesAreTheDocumentedWireNames() {
        assertThat(new String[] {ViolationHeaderNames.SCOPE, ViolationHeaderNames.PHASE, ViolationHeaderNames.WRITE_AUTHORITY,
                ViolationHeaderNames.PUBLISHER, ViolationHeaderNames.REASON, ViolationHeaderNames.TABLE, ViolationHeaderNames.TX_ID,
                ViolationHeaderNames.OPERATION, ViolationHeaderNames.EVENT_TIME, ViolationHeaderNames.EFFECTIVE_SINCE})
                .containsExactly("strangler.violation.scope", "strangler.violation.phase", "strangler.violation.write.authority",
                        "strangler.violation.publisher", "strangler.violation.reason", "strangler.violation.table",
                        "strangler.violation.txId", "strangler.violation.operation", "strangler.violation.event.time",
                        "strangler.violation.effective.since");
    }
}
