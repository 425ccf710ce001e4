package dev.strangler.connect.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScopePredicateTest {

    /**
     * A predicate in a compact test notation: {@code field=a|b} (one of), {@code field^p|q} (prefixes), conditions
     * separated by {@code &}; {@code *} is the catch-all.
     */
    static ScopePredicate predicate(String notation) {
        if (notation.equals("*")) {
            return ScopePredicate.all();
        }
        List<FieldCondition> conditions = new ArrayList<>();
        for (String condition : notation.split("&")) {
            boolean prefix = condition.contains("^");
            String[] parts = condition.split(prefix ? "\\^" : "=");
            Set<String> operands = Set.of(parts[1].split("\\|"));
            conditions.add(prefix ? FieldCondition.prefix(parts[0], operands) : FieldCondition.oneOf(parts[0], operands));
        }
        return ScopePredicate.of(conditions);
    }

    @ParameterizedTest(name = "[{index}] {0} vs {1}: within={2}, contains={3}, overlaps={4}")
    @CsvSource(delimiter = ';', textBlock = """
            # a;                    b;                  a within b; b within a; overlap
            c=DE;                   *;                  true;       false;      true
            *;                      *;                  true;       true;       true
            c=DE;                   c=DE|AT;            true;       false;      true
            c=DE|AT;                c=AT|CH;            false;      false;      true
            c=DE;                   c=AT;               false;      false;      false
            c=DE&p=AUTO;            p=AUTO;             true;       false;      true
            c=DE&p=AUTO;            p=HOME;             false;      false;      false
            p=AUTO;                 c=DE;               false;      false;      true
            t=ADDR_H;               t^ADDR;             true;       false;      true
            t=RATE;                 t^ADDR;             false;      false;      false
            t^ADDR_H;               t^ADDR;             true;       false;      true
            t^ADDR;                 t^RATE;             false;      false;      false
            t^ADDR;                 t=ADDR_H|RATE;      false;      false;      true
            t^AD|X;                 t^ADDR;             false;      true;       true
            t^ADDR;                 t=ADDR;             false;      true;       true
            """)
    void containmentAndOverlapAreDecidedExactly(String a, String b, boolean aWithinB, boolean bWithinA, boolean overlap) {
        ScopePredicate first = predicate(a);
        ScopePredicate second = predicate(b);

        assertThat(first.isWithin(second)).as("%s within %s", a, b).isEqualTo(aWithinB);
        assertThat(second.isWithin(first)).as("%s within %s", b, a).isEqualTo(bWithinA);
        assertThat(first.overlaps(second)).as("%s overlaps %s", a, b).isEqualTo(overlap);
        assertThat(second.overlaps(first)).as("overlap is symmetric").isEqualTo(overlap);
    }

    @ParameterizedTest(name = "[{index}] {0} on {1} -> {2}")
    @CsvSource(delimiter = ';', nullValues = "-", textBlock = """
            c=DE;          DE;        true
            c=DE;          de;        false
            c=DE;          'DE ';     false
            c=DE;          -;         false
            t^ADDR;        ADDR_H;    true
            t^ADDR;        ADDR;      true
            t^ADDR;        ADD;       false
            t^ADDR|VEH;    VEH_CHG;   true
            """)
    void conditionsTestTheRecordValue(String notation, String value, boolean matches) {
        ScopePredicate predicate = predicate(notation);
        String field = predicate.conditions().get(0).field();
        java.util.HashMap<String, Object> record = new java.util.HashMap<>();
        record.put(field, value);

        assertThat(predicate.test(FieldValues.of(record))).isEqualTo(matches);
        assertThat(predicate.test(FieldValues.of(Map.of()))).as("missing field").isFalse();
    }
}
