package dev.strangler.connect.outbox.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PlanBindingTest {

    @Test
    void bindsAggregateTypesToEntitiesAndReadsUnlistedFieldsFromThePayloadsTopLevel() {
        PlanBinding binding = PlanBinding.parse(List.of("Endorsement=endorsement"), List.of("endorsement.country=column:country"),
                TestPlan.PLAN, List.of("country"));

        assertThat(binding.entity("Endorsement")).contains("endorsement");
        assertThat(binding.entity("Order")).isEmpty();
        assertThat(binding.fieldSources("endorsement")).containsEntry("product_line", FieldSource.payloadField("product_line"))
                .containsEntry("country", FieldSource.parse("column:country"));
    }

    @ParameterizedTest(name = "{0} | {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Endorsement=claim        | ''                                      | false | 'claim' is not an entity of the migration plan (endorsement)
            Endorsement              | ''                                      | false | must be aggregatetype=entity
            ''                       | ''                                      | false | bind at least one aggregate type
            Endorsement=endorsement  | claim.country=payload:country           | true  | 'claim' is not the entity of these records (endorsement)
            Endorsement=endorsement  | endorsement.currency=payload:currency   | true  | 'currency' is not a field of plan entity 'endorsement'
            Endorsement=endorsement  | endorsement.country=header:country      | true  | must be payload:<path> or column:<additional column>
            Endorsement=endorsement  | endorsement.country=payload:a..b        | true  | needs a dotted path into the payload
            Endorsement=endorsement  | endorsement.country=column:tenant       | true  | column 'tenant' is not read by the connector
            """)
    void entriesThatDoNotFitThePlanOrTheColumnsAreRefusedNamingTheirKind(String types, String fields, boolean aboutFields, String message) {
        List<String> typeEntries = types.isEmpty() ? List.of() : List.of(types);
        List<String> fieldEntries = fields.isEmpty() ? List.of() : List.of(fields);

        assertThatThrownBy(() -> PlanBinding.parse(typeEntries, fieldEntries, TestPlan.PLAN, List.of("country")))
                .isInstanceOfSatisfying(PlanBinding.InvalidBinding.class, e -> {
                    assertThat(e.aboutFields()).isEqualTo(aboutFields);
                    assertThat(e.getMessage()).contains(message);
                });
    }

    @Test
    void aFieldBoundTwiceIsRefused() {
        assertThatThrownBy(() -> PlanBinding.parse(List.of("Endorsement=endorsement"),
                List.of("endorsement.country=payload:a", "endorsement.country=payload:b"), TestPlan.PLAN, List.of()))
                .isInstanceOfSatisfying(PlanBinding.InvalidBinding.class, e -> assertThat(e.aboutFields()).isTrue())
                .hasMessageContaining("bound twice");
    }

    @Test
    void anAggregateTypeBoundTwiceIsRefused() {
        assertThatThrownBy(() -> PlanBinding.parse(List.of("Endorsement=endorsement", "Endorsement=endorsement"), List.of(),
                TestPlan.PLAN, List.of()))
                .hasMessageContaining("aggregate type 'Endorsement' is bound twice");
    }
}
