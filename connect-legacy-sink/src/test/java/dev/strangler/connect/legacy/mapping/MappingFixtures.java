package dev.strangler.connect.legacy.mapping;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import dev.strangler.connect.core.origin.OriginMarker;
import dev.strangler.connect.legacy.event.ProjectionEvent;

/** A realistic endorsement mapping: a header table, detail rows from an array, a soft delete and a tombstone delete. */
final class MappingFixtures {

    static final OriginMarker MARKER = OriginMarker.of("strangler_origin", "strangler-connect");

    static final String ENDORSEMENT_MAPPING = """
            {
              "valueMappings": {
                "endorsement-kind": {"values": {"ADR": "ADDRESS_CHANGE", "BEN": "BENEFICIARY_CHANGE"}, "unknown": "quarantine"},
                "line-kind": {"inline": "P=PREMIUM, T=TAX, F=FEE", "unknown": "fail"}
              },
              "tombstones": "EndorsementWithdrawn",
              "events": {
                "EndorsementApproved": {
                  "writes": [
                    {
                      "table": "legacy.policy_version",
                      "mode": "upsert",
                      "key": ["policy_no", "version_seq"],
                      "columns": {
                        "policy_no": {"field": "policy.number"},
                        "version_seq": {"field": "sequence"},
                        "txn_code": {"field": "kind", "translate": "endorsement-kind"},
                        "legacy_ref": {"template": "{policy.number}/{sequence}"},
                        "source_system": {"constant": "NEWSVC"},
                        "approved_at": {"eventTime": true}
                      },
                      "guard": {"column": "event_version", "field": "version"}
                    },
                    {
                      "table": "legacy.policy_version_line",
                      "mode": "upsert",
                      "rows": "lines",
                      "replaceRows": true,
                      "key": ["policy_no", "version_seq", "line_no"],
                      "columns": {
                        "policy_no": {"field": "policy.number"},
                        "version_seq": {"field": "sequence"},
                        "line_no": {"elementIndex": 1},
                        "line_kind": {"element": "kind", "translate": "line-kind"},
                        "amount": {"element": "amount"}
                      },
                      "guard": {"column": "event_version", "field": "version"}
                    }
                  ]
                },
                "EndorsementCancelled": {
                  "writes": [
                    {
                      "table": "legacy.policy_version",
                      "mode": "delete",
                      "key": ["policy_no", "version_seq"],
                      "columns": {"policy_no": {"field": "policy.number"}, "version_seq": {"field": "sequence"}},
                      "guard": {"column": "event_version", "field": "version"},
                      "softDelete": {"column": "status_cd", "value": "X"}
                    }
                  ]
                },
                "EndorsementWithdrawn": {
                  "writes": [
                    {
                      "table": "legacy.policy_version",
                      "mode": "delete",
                      "key": ["policy_no", "version_seq"],
                      "columns": {"policy_no": {"key": "policyNumber"}, "version_seq": {"key": "sequence"}}
                    }
                  ]
                }
              }
            }
            """;

    static ProjectionMapping endorsementMapping() {
        return MappingParser.parse(ENDORSEMENT_MAPPING, MARKER, Optional.empty());
    }

    static ProjectionEvent event(String type, Object key, Map<String, Object> value) {
        return new ProjectionEvent(new ProjectionEvent.RecordPosition("endorsements", 0, 42), Optional.ofNullable(type), key,
                value, Instant.parse("2026-11-25T10:00:00Z"));
    }

    private MappingFixtures() {
    }
}
