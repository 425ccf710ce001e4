package dev.strangler.connect.reconcile.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.strangler.connect.core.sql.SqlIdentifier;
import dev.strangler.connect.reconcile.compare.FieldPair;

class MappingCheckTest {

    private static final Map<String, String> CATALOGUE = Map.of("policy_id", "policy_id", "holder_name", "holder_name");

    private static Optional<SqlIdentifier> column(String name) {
        return Optional.ofNullable(CATALOGUE.get(name.toLowerCase())).map(SqlIdentifier::of);
    }

    @Test
    void namesEveryMissingColumnWithItsField() {
        List<FieldPair> pairs = List.of(new FieldPair("policyId", "POLICY_ID"), new FieldPair("holder", "holder"),
                new FieldPair("premium", "premium_eur"));

        assertThat(MappingCheck.missingColumns(pairs, MappingCheckTest::column, "svc.policy")).containsExactly(
                "Column 'holder' (of field 'holder') does not exist in svc.policy",
                "Column 'premium_eur' (of field 'premium') does not exist in svc.policy");
    }

    @Test
    void resolvesColumnsToTheCataloguesSpelling() {
        assertThat(MappingCheck.resolve(List.of(new FieldPair("policyId", "POLICY_ID")), MappingCheckTest::column))
                .containsExactly(new FieldPair("policyId", "policy_id"));
    }
}
