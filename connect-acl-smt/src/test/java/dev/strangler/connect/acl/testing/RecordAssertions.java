package dev.strangler.connect.acl.testing;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.header.Header;

/** Helpers to compare whole output records in tests. */
public final class RecordAssertions {

    private RecordAssertions() {
    }

    /** The record's headers as an ordered map of name to value (last value wins, as consumers read them). */
    public static Map<String, Object> headers(ConnectRecord<?> record) {
        Map<String, Object> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value());
        }
        return headers;
    }
}
