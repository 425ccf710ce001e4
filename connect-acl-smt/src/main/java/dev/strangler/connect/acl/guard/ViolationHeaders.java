package dev.strangler.connect.acl.guard;

import java.util.Locale;

import org.apache.kafka.connect.header.Headers;

import dev.strangler.connect.acl.envelope.ChangeEvent;
import dev.strangler.connect.core.plan.AuthorityDecision;
import dev.strangler.connect.core.plan.ViolationHeaderNames;

/**
 * The headers that explain an authority violation on the violation topic, so an operator can see which scope
 * legacy wrote to, in which phase, from which table and transaction, without reading the row values.
 */
public final class ViolationHeaders {

    // the names are strangler-core's, shared with the outbox source's publisher check
    public static final String SCOPE = ViolationHeaderNames.SCOPE;
    public static final String PHASE = ViolationHeaderNames.PHASE;
    public static final String WRITE_AUTHORITY = ViolationHeaderNames.WRITE_AUTHORITY;
    public static final String REASON = ViolationHeaderNames.REASON;
    public static final String TABLE = ViolationHeaderNames.TABLE;
    public static final String TX_ID = ViolationHeaderNames.TX_ID;
    public static final String OPERATION = ViolationHeaderNames.OPERATION;
    public static final String EVENT_TIME = ViolationHeaderNames.EVENT_TIME;
    public static final String EFFECTIVE_SINCE = ViolationHeaderNames.EFFECTIVE_SINCE;

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
