package dev.strangler.connect.core.sql;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A table or column name that came from configuration. It is validated when the configuration is parsed (so a
 * typo or an injection attempt fails {@code validate()} naming the key) and only ever reaches SQL quoted by a
 * {@link SqlDialect}. Values never become identifiers: they are always bound parameters.
 *
 * <p>Accepted: letters, digits, '_' and '$', not starting with a digit, at most 63 characters (PostgreSQL's
 * NAMEDATALEN - 1; Oracle allows 128). Case is kept as written; the dialect decides how case folds.
 */
public final class SqlIdentifier {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}");

    private final String name;

    private SqlIdentifier(String name) {
        this.name = name;
    }

    /** @throws IllegalArgumentException naming what is wrong with the identifier */
    public static SqlIdentifier of(String name) {
        Objects.requireNonNull(name, "identifier");
        if (!SAFE.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a valid SQL identifier: use letters, digits, '_' or '$',"
                    + " start with a letter or '_', at most 63 characters");
        }
        return new SqlIdentifier(name);
    }

    public static boolean isValid(String name) {
        return name != null && SAFE.matcher(name).matches();
    }

    public String name() {
        return name;
    }

    /** The name as the database stores an unquoted identifier written by a human: PostgreSQL folds to lower case. */
    public String folded(boolean upperCase) {
        return upperCase ? name.toUpperCase(Locale.ROOT) : name.toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SqlIdentifier other && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
