package dev.strangler.connect.core.mapping;

import java.util.Objects;

/**
 * A {@link ValueMapping} applied in one direction with a policy for values the table does not list. The ACL uses
 * {@link #forward}, the legacy sink {@link #reverse}:
 *
 * <pre>{@code
 * ValueMapping status = ValueMapping.parse("A=ACTIVE, L=LAPSED, X=LAPSED", "LAPSED=L");
 * ValueTranslator toLegacy = ValueTranslator.reverse(status, UnknownValuePolicy.QUARANTINE, null);
 * Translation t = toLegacy.translate("LAPSED");        // MAPPED, "L"
 * if (t.isRejected()) { ... quarantine or fail, as toLegacy.policy() says ... }
 * }</pre>
 *
 * A null input is not a code: it translates to null with outcome {@link Translation.Outcome#NULL} under every
 * policy. Immutable and thread-safe.
 */
public final class ValueTranslator {

    /** Which way the table is read. */
    public enum Direction { FORWARD, REVERSE }

    private final ValueMapping mapping;
    private final Direction direction;
    private final UnknownValuePolicy policy;
    private final String defaultValue;

    private ValueTranslator(ValueMapping mapping, Direction direction, UnknownValuePolicy policy, String defaultValue) {
        this.mapping = Objects.requireNonNull(mapping, "mapping");
        this.direction = direction;
        this.policy = Objects.requireNonNull(policy, "policy");
        if (policy == UnknownValuePolicy.DEFAULT && (defaultValue == null || defaultValue.isEmpty())) {
            throw new MappingDefinitionException("default", "the policy 'default' needs a default value");
        }
        this.defaultValue = defaultValue;
    }

    /** Legacy code to domain value. */
    public static ValueTranslator forward(ValueMapping mapping, UnknownValuePolicy policy, String defaultValue) {
        return new ValueTranslator(mapping, Direction.FORWARD, policy, defaultValue);
    }

    /**
     * Domain value to legacy code.
     *
     * @throws MappingDefinitionException when the mapping is not invertible (see {@link ValueMapping#requireInvertible()})
     */
    public static ValueTranslator reverse(ValueMapping mapping, UnknownValuePolicy policy, String defaultValue) {
        return new ValueTranslator(mapping.requireInvertible(), Direction.REVERSE, policy, defaultValue);
    }

    public Translation translate(String value) {
        if (value == null) {
            return new Translation(Translation.Outcome.NULL, null);
        }
        String mapped = (direction == Direction.FORWARD ? mapping.translate(value) : mapping.reverse(value)).orElse(null);
        if (mapped != null) {
            return new Translation(Translation.Outcome.MAPPED, mapped);
        }
        return switch (policy) {
            case PASS_THROUGH -> new Translation(Translation.Outcome.PASSED_THROUGH, value);
            case DEFAULT -> new Translation(Translation.Outcome.DEFAULTED, defaultValue);
            case FAIL, QUARANTINE -> new Translation(Translation.Outcome.REJECTED, null);
        };
    }

    public UnknownValuePolicy policy() {
        return policy;
    }

    public Direction direction() {
        return direction;
    }

    public ValueMapping mapping() {
        return mapping;
    }
}
