package dev.strangler.connect.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import dev.strangler.connect.acl.testing.PostgresEvents;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** Validation of the cross-reference lookup; the lookups themselves run against real Postgres in the ACL ITs. */
class LookupDomainIdConfigTest {

    private static Map<String, String> config(String... keyValues) {
        Map<String, String> config = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put(keyValues[i], keyValues[i + 1]);
        }
        return config;
    }

    @Test
    void identifiersAndUrlAreValidatedNamingTheKey() {
        Map<String, ConfigValue> results = new HashMap<>();
        LookupDomainId.CONFIG_DEF.validate(config("key.fields", "policy_no", "xref.table", "xref.policy ids; drop",
                "xref.key.columns", "policy_no,\"x", "xref.id.column", "id", "xref.connection.url", "jdbc:mysql://db/x"))
                .forEach(v -> results.put(v.name(), v));

        assertThat(results.get("xref.table").errorMessages()).singleElement().asString().contains("xref.table");
        assertThat(results.get("xref.key.columns").errorMessages()).singleElement().asString().contains("xref.key.columns");
        assertThat(results.get("xref.id.column").errorMessages()).isEmpty();
        assertThat(results.get("xref.connection.url").errorMessages()).singleElement().asString()
                .contains("xref.connection.url");
        assertThat(results.get("xref.connection.password").errorMessages()).isEmpty();
    }

    @Test
    void oneColumnPerKeyField() {
        LookupDomainId<SourceRecord> lookup = new LookupDomainId<>();

        assertThatThrownBy(() -> lookup.configure(config("key.fields", "branch,policy_no", "xref.table", "ids",
                "xref.key.columns", "policy_no", "xref.id.column", "id", "xref.connection.url", "jdbc:postgresql://localhost:1/x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("xref.key.columns")
                .hasMessageContaining("Name one column per key field: key.fields has 2, xref.key.columns has 1");
    }

    @Test
    void unreachableDatabaseIsRetriable() {
        LookupDomainId<SourceRecord> lookup = new LookupDomainId<>();
        // port 1 on localhost refuses connections: a transient condition for Connect to retry
        lookup.configure(config("key.fields", "policy_no", "xref.table", "ids", "xref.key.columns", "policy_no",
                "xref.id.column", "id", "xref.connection.url", "jdbc:postgresql://127.0.0.1:1/x?connectTimeout=2"));

        assertThatThrownBy(() -> lookup.apply(PostgresEvents.rowRecord(PostgresEvents.row("P-1", "A", "N1", "Y"))))
                .isInstanceOf(RetriableException.class).hasMessageContaining("cannot be read now");
        lookup.close();
    }
}
