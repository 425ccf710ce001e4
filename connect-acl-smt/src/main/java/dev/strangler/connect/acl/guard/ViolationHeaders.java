package dev.strangler.connect.acl.guard;

import java.util.Locale;

import org.apache.kafka.connect.header.Headers;

import dev.strangler.connect.acl.envelope.ChangeEvent;
import dev.strangler.connect.acl.quarantine.QuarantineHeaders;
import dev.strangler.connect.core.plan.AuthorityDecision;

/**
 * The headers that explain an authority violation on the violation topic, so an operator can see which scope
 * legacy wrote to, in which phase, from which table and transaction, without reading the row values.
 */
public final class ViolationHeaders {

    public static final String SCOPE = QuarantineHeaders.VIOLATION_SCOPE;
    public static final String PHASE = "strangler.violation.phase";
    public static final String WRITE_AUTHORITY = "strangler.violation.write.authority";
    public static final String REASON = "strangler.violation.reason";
    public static final String TABLE = "strangler.violation.table";
    public static final String TX_ID = "strangler.violation.txId";
    public static final String OPERATION = "strangler.violation.operation";
    public static final String EVENT_TIME = "strangler.violation.event.time";
    public static final String EFFECTIVE_SINCE = "strangler.violation.effective.since";

    private ViolationHeaders() {
    }

    /** Adds the violation headers; values are strings so any converter and {@code kcat} shows them as written. */
    public static void add(Headers headers, AuthorityVerdict verdict, ChangeEvent event) {
        AuthorityDecision decision = verdict.decision().orElseThrow();
        headers.addString(SCOPE, decision.scope());
        headers.addString(PHASE, Integer.toString(decision.phase().number()));
        headers.addString(WRITE_AUTHORITY, decision.writeAuthority().name().toLowerCase(Locale.ROOT));
        headers.addString(REASON, verdict.reason());
        headers.addString(TABLE, qualifiedTable(event));
        event.source().transactionId().ifPresent(txId -> headers.addString(TX_ID, txId));
        headers.addString(OPERATION, event.operation().code());
        verdict.eventTime().ifPresent(time -> headers.addString(EVENT_TIME, time.toString()));
        headers.addString(EFFECTIVE_SINCE, decision.effectiveSince().toString());
    }

    public static String qualifiedTable(ChangeEvent event) {
        String table = event.source().table().orElse("?");
        return event.source().schema().map(schema -> schema + "." + table).orElse(table);
    }
}
