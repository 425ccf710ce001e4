package dev.strangler.connect.core.identity;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * Derives the stable domain id of an aggregate from its legacy key: a name-based UUID v5 in a namespace of the
 * aggregate. The same legacy key always gives the same id, on every worker and after every restart, so the new
 * system, the ACL and the legacy sink agree on identity without a shared table.
 *
 * <h2>Canonical name</h2>
 * The UUID name is the key columns' canonical text joined with {@code |}: strings as they are (trim CHAR padding
 * first, or pass {@code trimText}), integers and decimals as plain decimal text without trailing zeros ({@code 42},
 * {@code 1999.5}) so that Oracle's {@code NUMBER} and Postgres' {@code integer} give the same id, booleans as
 * {@code true}/{@code false}, UUIDs in lower case. {@code %} and {@code |} inside a component are written
 * {@code %25} and {@code %7C}, so composite keys never collide ({@code ("a|b","c")} vs {@code ("a","b|c")}).
 * To recompute an id elsewhere: {@code uuid5(namespace, "P-1|2024")}.
 *
 * <h2>Namespace</h2>
 * {@link #namespace(String)} accepts a UUID, used as is, or an aggregate name such as {@code policy}, which becomes
 * {@code uuid5(NAMESPACE_URL, "urn:strangler:aggregate:policy")}.
 */
public final class DomainIdentity {

    private static final String AGGREGATE_URN = "urn:strangler:aggregate:";

    private final UUID namespace;
    private final boolean trimText;

    private DomainIdentity(UUID namespace, boolean trimText) {
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.trimText = trimText;
    }

    /**
     * @param namespace the aggregate's namespace (see {@link #namespace(String)})
     * @param trimText  whether text components lose leading and trailing blanks (CHAR padding) before naming
     */
    public static DomainIdentity of(UUID namespace, boolean trimText) {
        return new DomainIdentity(namespace, trimText);
    }

    /** The namespace for a configured value: a UUID literal, or an aggregate name. */
    public static UUID namespace(String uuidOrAggregateName) {
        Objects.requireNonNull(uuidOrAggregateName, "uuidOrAggregateName");
        String value = uuidOrAggregateName.trim();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("namespace is empty");
        }
        try {
            if (value.length() == 36) {
                return UUID.fromString(value);
            }
        } catch (IllegalArgumentException notAUuid) {
            // an aggregate name that happens to be 36 characters long
        }
        return NameBasedUuid.v5(NameBasedUuid.NAMESPACE_URL, AGGREGATE_URN + value);
    }

    /**
     * The domain id for the values of the legacy key columns, in the configured column order.
     *
     * @param columnNames names of the key columns, only for error messages
     * @throws IdentityException when a component is null or has no canonical text
     */
    public UUID idFor(List<String> columnNames, List<?> keyValues) {
        return NameBasedUuid.v5(namespace, canonicalName(columnNames, keyValues));
    }

    /** The UUID name for a key: the canonical text described in the class documentation. */
    public String canonicalName(List<String> columnNames, List<?> keyValues) {
        if (keyValues.isEmpty()) {
            throw new IdentityException("no key columns");
        }
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < keyValues.size(); i++) {
            String column = i < columnNames.size() ? columnNames.get(i) : "#" + (i + 1);
            if (i > 0) {
                name.append('|');
            }
            appendEscaped(name, canonicalText(column, keyValues.get(i)));
        }
        return name.toString();
    }

    public UUID namespace() {
        return namespace;
    }

    private String canonicalText(String column, Object value) {
        if (value == null) {
            throw new IdentityException("key column " + column + " is null");
        }
        if (value instanceof String text) {
            String canonical = trimText ? text.strip() : text;
            if (canonical.isEmpty()) {
                throw new IdentityException("key column " + column + " is blank");
            }
            return canonical;
        }
        if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long
                || value instanceof BigInteger) {
            return value.toString();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Boolean || value instanceof UUID) {
            return value.toString().toLowerCase(Locale.ROOT);
        }
        throw new IdentityException("key column " + column + " has type " + value.getClass().getSimpleName()
                + ", which has no canonical text for an id (use text, integer, decimal, boolean or UUID columns)");
    }

    private static void appendEscaped(StringBuilder target, String component) {
        for (int i = 0; i < component.length(); i++) {
            char c = component.charAt(i);
            switch (c) {
                case '%' -> target.append("%25");
                case '|' -> target.append("%7C");
                default -> target.append(c);
            }
        }
    }
}
