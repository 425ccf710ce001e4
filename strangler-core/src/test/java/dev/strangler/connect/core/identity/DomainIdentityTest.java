package dev.strangler.connect.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DomainIdentityTest {

    private static final UUID NAMESPACE = DomainIdentity.namespace("policy");

    @Test
    void v5MatchesTheRfcAlgorithm() {
        // Python: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org") == 886313e1-3b8a-5372-9b90-0c9aee199e5d
        UUID dns = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

        UUID id = NameBasedUuid.v5(dns, "python.org");

        assertThat(id).isEqualTo(UUID.fromString("886313e1-3b8a-5372-9b90-0c9aee199e5d"));
        assertThat(id.version()).isEqualTo(5);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void aggregateNamespaceIsAUrnUnderTheUrlNamespace() {
        assertThat(NAMESPACE).isEqualTo(NameBasedUuid.v5(NameBasedUuid.NAMESPACE_URL, "urn:strangler:aggregate:policy"));
        assertThat(DomainIdentity.namespace(" 0f14d0ab-9605-4a62-a9e4-5ed26688389b "))
                .isEqualTo(UUID.fromString("0f14d0ab-9605-4a62-a9e4-5ed26688389b"));
        assertThat(DomainIdentity.namespace("a-thirty-six-character-aggregate-nam")).isNotNull();
        assertThatThrownBy(() -> DomainIdentity.namespace(" ")).hasMessage("namespace is empty");
    }

    @Test
    void sameKeyGivesSameIdAndPaddingDoesNotMatterWhenTrimming() {
        DomainIdentity identity = DomainIdentity.of(NAMESPACE, true);

        UUID padded = identity.idFor(List.of("policy_no"), List.of("P-1       "));
        UUID bare = identity.idFor(List.of("policy_no"), List.of("P-1"));

        assertThat(padded).isEqualTo(bare).isEqualTo(NameBasedUuid.v5(NAMESPACE, "P-1"));
        assertThat(DomainIdentity.of(NAMESPACE, false).idFor(List.of("policy_no"), List.of("P-1 "))).isNotEqualTo(bare);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "42        | 42",
            "42.00     | 42",
            "1999.50   | 1999.5",
            "0.000     | 0",
            "1E+3      | 1000",
    })
    void numbersHaveOneCanonicalText(String decimal, String canonical) {
        DomainIdentity identity = DomainIdentity.of(NAMESPACE, true);

        assertThat(identity.canonicalName(List.of("n"), List.of(new BigDecimal(decimal)))).isEqualTo(canonical);
    }

    @Test
    void oracleNumberAndPostgresIntegerGiveTheSameId() {
        DomainIdentity identity = DomainIdentity.of(NAMESPACE, true);

        assertThat(identity.idFor(List.of("id"), List.of(new BigDecimal("1234"))))
                .isEqualTo(identity.idFor(List.of("id"), List.of(1234L)))
                .isEqualTo(identity.idFor(List.of("id"), List.of(1234)));
    }

    @Test
    void compositeKeysAreEscapedSoTheyNeverCollide() {
        DomainIdentity identity = DomainIdentity.of(NAMESPACE, true);
        List<String> columns = List.of("a", "b");

        assertThat(identity.canonicalName(columns, List.of("a|b", "c"))).isEqualTo("a%7Cb|c");
        assertThat(identity.canonicalName(columns, List.of("a", "b|c"))).isEqualTo("a|b%7Cc");
        assertThat(identity.canonicalName(columns, List.of("50%", true))).isEqualTo("50%25|true");
        assertThat(identity.idFor(columns, List.of("a|b", "c"))).isNotEqualTo(identity.idFor(columns, List.of("a", "b|c")));
    }

    @Test
    void unusableKeysNameTheColumnButNotTheValue() {
        DomainIdentity identity = DomainIdentity.of(NAMESPACE, true);

        assertThatThrownBy(() -> identity.idFor(List.of("policy_no", "year"), Arrays.asList("P-1", null)))
                .isInstanceOf(IdentityException.class).hasMessage("key column year is null");
        assertThatThrownBy(() -> identity.idFor(List.of("policy_no"), List.of("   ")))
                .isInstanceOf(IdentityException.class).hasMessage("key column policy_no is blank");
        assertThatThrownBy(() -> identity.idFor(List.of("ratio"), List.of(0.5d)))
                .isInstanceOf(IdentityException.class).hasMessageStartingWith("key column ratio has type Double");
        assertThatThrownBy(() -> identity.idFor(List.of(), List.of()))
                .isInstanceOf(IdentityException.class).hasMessage("no key columns");
    }
}
