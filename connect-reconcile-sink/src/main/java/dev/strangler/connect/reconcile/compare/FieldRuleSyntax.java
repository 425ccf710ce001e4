package dev.strangler.connect.reconcile.compare;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Parses the compact per-field rule syntax of the configuration ({@code field:value} entries of a list, as Kafka's
 * {@code ReplaceField} writes renames), so that every problem names the entry at fault. Connect-free: the config
 * class turns the {@link IllegalArgumentException}s into {@code ConfigException}s naming the key.
 */
public final class FieldRuleSyntax {

    private FieldRuleSyntax() {
    }

    /** Parses {@code field:value} entries; each value through {@code parser}. Duplicate fields are an error. */
    public static <T> Map<String, T> perField(List<String> entries, String valueName, Function<String, T> parser) {
        Map<String, T> byField = new LinkedHashMap<>();
        for (String entry : entries) {
            int colon = entry.indexOf(':');
            if (colon <= 0 || colon == entry.length() - 1) {
                throw new IllegalArgumentException("entry '" + entry + "' is not field:" + valueName);
            }
            String field = entry.substring(0, colon).trim();
            String value = entry.substring(colon + 1).trim();
            T parsed;
            try {
                parsed = parser.apply(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("entry '" + entry + "': " + e.getMessage(), e);
            }
            if (byField.put(field, parsed) != null) {
                throw new IllegalArgumentException("field '" + field + "' appears twice");
            }
        }
        return byField;
    }

    /** A non-negative decimal amount: {@code 0.01}. */
    public static BigDecimal nonNegativeDecimal(String value) {
        BigDecimal amount;
        try {
            amount = new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a decimal number");
        }
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("'" + value + "' is negative");
        }
        return amount;
    }

    /** A decimal scale between 0 and 38 (the widest scale PostgreSQL and Oracle share). */
    public static Integer scale(String value) {
        try {
            int scale = Integer.parseInt(value);
            if (scale < 0 || scale > 38) {
                throw new IllegalArgumentException("scale " + scale + " is outside 0..38");
            }
            return scale;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not an integer scale");
        }
    }

    /** {@code seconds}, {@code millis} or {@code micros}. */
    public static TimestampPrecision precision(String value) {
        try {
            return TimestampPrecision.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + value + "' is not one of seconds, millis, micros");
        }
    }

    /** An ISO-8601 duration ({@code PT2S}) or a whole number of milliseconds ({@code 2000}). */
    public static Duration duration(String value) {
        try {
            if (value.chars().allMatch(Character::isDigit)) {
                return Duration.ofMillis(Long.parseLong(value));
            }
            Duration duration = Duration.parse(value);
            if (duration.isNegative()) {
                throw new IllegalArgumentException("'" + value + "' is negative");
            }
            return duration;
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is neither an ISO-8601 duration (PT2S) nor milliseconds");
        }
    }

    /** {@code A=ACTIVE|I=INACTIVE}: source code = target code, separated by '|'. */
    public static Map<String, String> enumCodes(String value) {
        Map<String, String> codes = new LinkedHashMap<>();
        for (String pair : value.split("\\|")) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new IllegalArgumentException("'" + pair + "' is not sourceCode=targetCode");
            }
            String sourceCode = pair.substring(0, eq).trim();
            if (codes.put(sourceCode, pair.substring(eq + 1).trim()) != null) {
                throw new IllegalArgumentException("source code '" + sourceCode + "' appears twice");
            }
        }
        return codes;
    }
}
