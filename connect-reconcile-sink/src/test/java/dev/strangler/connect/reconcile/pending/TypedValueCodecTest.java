package dev.strangler.connect.reconcile.pending;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TypedValueCodecTest {

    @Test
    void fieldsRoundTripWithTheirKindScaleAndPrecision() {
        Map<String, Object> fields = new HashMap<>();
        fields.put("premium", new BigDecimal("10.50"));
        fields.put("at", Instant.parse("2026-03-01T10:15:30.123456789Z"));
        fields.put("born", LocalDate.of(1980, 5, 1));
        fields.put("active", true);
        fields.put("name", "O'Brien \"quoted\" | pipe");
        fields.put("numeric_text", "0042");
        fields.put("nothing", null);

        Map<String, Object> decoded = TypedValueCodec.decodeFields(TypedValueCodec.encodeFields(fields));

        assertThat(decoded).isEqualTo(fields);
        assertThat(((BigDecimal) decoded.get("premium")).scale()).isEqualTo(2);
    }

    @Test
    void listsRoundTrip() {
        List<Object> key = Arrays.asList(new BigDecimal("7"), "P-1", null);

        assertThat(TypedValueCodec.decodeList(TypedValueCodec.encodeList(key))).isEqualTo(key);
    }
}
