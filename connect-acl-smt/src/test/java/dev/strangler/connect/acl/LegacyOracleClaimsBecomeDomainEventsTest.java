package dev.strangler.connect.acl;

import static dev.strangler.connect.acl.testing.RecordAssertions.headers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.strangler.connect.acl.testing.OracleEvents;
import dev.strangler.connect.core.identity.DomainIdentity;
import dev.strangler.connect.core.identity.NameBasedUuid;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ACL chain on Debezium Oracle events (LogMiner source block, NUMBER variants, DATE, TIMESTAMP(6), TIMESTAMP WITH
 * TIME ZONE, padded CHAR): the published claim event has exactly the contract's schema and values.
 */
class LegacyOracleClaimsBecomeDomainEventsTest {

    private static final String CONTRACT = """
            {"type": "record", "name": "ClaimEvent", "namespace": "dev.example.claims", "fields": [
              {"name": "claimId", "type": "string"},
              {"name": "claimNumber", "type": "string"},
              {"name": "status", "type": {"type": "enum", "name": "ClaimStatus", "symbols": ["OPEN", "CLOSED"]}},
              {"name": "approved", "type": "boolean"},
              {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 12, "scale": 2}},
              {"name": "ratio", "type": ["null", {"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 4}], "default": null},
              {"name": "openedAt", "type": {"type": "long", "logicalType": "timestamp-millis"}},
              {"name": "decidedAt", "type": ["null", {"type": "long", "logicalType": "timestamp-millis"}], "default": null}
            ]}
            """;

    private final List<Transformation<SourceRecord>> chain = new ArrayList<>();

    private static Map<String, String> config(String... keyValues) {
        Map<String, String> config = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put(keyValues[i], keyValues[i + 1]);
        }
        return config;
    }

    private void add(Transformation<SourceRecord> transformation, Map<String, String> config) {
        transformation.configure(config);
        chain.add(transformation);
    }

    @BeforeEach
    void buildChain() {
        add(new ValueTranslation.Value<>(), config("fields", "after.STATUS,before.STATUS", "mapping", "OPN=OPEN, CLS=CLOSED"));
        add(new DomainEventUnwrap<>(), config("source.headers", "true"));
        add(new NormaliseTypes.Value<>(), config("boolean.fields", "APPROVED", "decimal.scale", "4",
                "temporal.legacy.zone", "Europe/Zurich"));
        add(new Restructure.Value<>(), config("move", "CLAIM_NO:claimNumber,STATUS:status,APPROVED:approved,AMOUNT:amount,"
                + "RATIO:ratio,OPENED:openedAt,DECIDED_AT:decidedAt"));
        add(new AssignDomainId<>(), config("key.fields", "CLAIM_NO", "namespace", "claim", "value.field", "claimId"));
        add(new Classify<>(), config("rules", "ClaimApproved: value.approved && value.status == 'OPEN'"));
        add(new EnforceContract<>(), config("contract.schema", CONTRACT));
    }

    @AfterEach
    void close() {
        chain.forEach(Transformation::close);
    }

    private SourceRecord run(SourceRecord record) {
        SourceRecord current = record;
        for (Transformation<SourceRecord> transformation : chain) {
            current = transformation.apply(current);
        }
        return current;
    }

    @Test
    void approvedOracleClaimBecomesAContractShapedEvent() {
        SourceRecord out = run(OracleEvents.record(OracleEvents.key("C-9"), OracleEvents.create(OracleEvents.row("C-9", "OPN", "Y"))));

        String id = NameBasedUuid.v5(DomainIdentity.namespace("claim"), "C-9").toString();
        Schema contract = SchemaBuilder.struct().name("dev.example.claims.ClaimEvent")
                .field("claimId", Schema.STRING_SCHEMA)
                .field("claimNumber", Schema.STRING_SCHEMA)
                .field("status", Schema.STRING_SCHEMA)
                .field("approved", Schema.BOOLEAN_SCHEMA)
                .field("amount", Decimal.builder(2).parameter("connect.decimal.precision", "12").build())
                .field("ratio", Decimal.builder(4).parameter("connect.decimal.precision", "10").optional().build())
                .field("openedAt", Timestamp.SCHEMA)
                .field("decidedAt", Timestamp.builder().optional().build())
                .build();
        Schema keySchema = SchemaBuilder.struct().field("id", Schema.STRING_SCHEMA).build();
        assertThat(out.topic()).isEqualTo(OracleEvents.TOPIC);
        assertThat(out.keySchema()).isEqualTo(keySchema);
        assertThat(out.key()).isEqualTo(new Struct(keySchema).put("id", id));
        assertThat(out.valueSchema()).isEqualTo(contract);
        assertThat(out.value()).isEqualTo(new Struct(contract)
                .put("claimId", id)
                .put("claimNumber", "C-9")
                .put("status", "OPEN")
                .put("approved", true)
                .put("amount", new BigDecimal("1999.95"))
                .put("ratio", new BigDecimal("0.1250"))
                .put("openedAt", Date.from(Instant.parse("2024-11-24T23:00:00Z")))
                .put("decidedAt", Date.from(Instant.parse("2024-11-25T09:35:30.123Z"))));
        assertThat(headers(out)).containsExactly(
                entry("acl.operation", "c"),
                entry("acl.backfill", false),
                entry("acl.source.connector", "oracle"),
                entry("acl.source.db", "ORCLPDB1"),
                entry("acl.source.schema", "LEGACY"),
                entry("acl.source.table", "CLAIM"),
                entry("acl.source.txid", OracleEvents.TX_ID),
                entry("acl.source.scn", OracleEvents.SCN),
                entry("acl.source.commit.scn", OracleEvents.COMMIT_SCN),
                entry("acl.source.ts.ms", OracleEvents.COMMIT_TIME.toEpochMilli()),
                entry("acl.event.type", "ClaimApproved"));
    }

    @Test
    void unapprovedClaimKeepsItsOperationTypeAndAnInvalidFlagIsQuarantinedWithTheEnvelope() {
        SourceRecord pending = run(OracleEvents.record(OracleEvents.key("C-1"), OracleEvents.create(OracleEvents.row("C-1", "OPN", "N"))));
        SourceRecord in = OracleEvents.record(OracleEvents.key("C-2"), OracleEvents.create(OracleEvents.row("C-2", "CLS", "?")));
        SourceRecord invalid = run(in);

        assertThat(headers(pending)).containsEntry("acl.event.type", "Created");
        assertThat(((Struct) pending.value()).get("approved")).isEqualTo(false);
        assertThat(invalid.topic()).isEqualTo(OracleEvents.TOPIC + ".quarantine");
        assertThat(invalid.key()).isEqualTo(OracleEvents.key("C-2"));
        assertThat(headers(invalid)).containsEntry("acl.quarantine.transform", "NormaliseTypes")
                .containsEntry("acl.quarantine.rule", "APPROVED")
                .containsEntry("acl.quarantine.reason", "invalid-value");
        // quarantined after unwrap: the record is the unwrapped row as NormaliseTypes received it
        assertThat(((Struct) invalid.value()).get("STATUS")).isEqualTo("CLOSED");
        assertThat(((Struct) invalid.value()).get("APPROVED")).isEqualTo("?");
    }
}
