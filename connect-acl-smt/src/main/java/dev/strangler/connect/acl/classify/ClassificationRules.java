package dev.strangler.connect.acl.classify;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.cel.runtime.CelVariableResolver;

/**
 * An ordered list of classification rules, each a {@link CelCondition} in Google's Common Expression Language (CEL):
 * a safe, non-Turing-complete expression language, type-checked and compiled once at configure time; no scripting
 * engine.
 *
 * <p>Syntax, as one configuration value: {@code EventType: condition; OtherType: condition}, first match wins, e.g.
 * <pre>
 * EndorsementApproved: value.tx_code == 'END' &amp;&amp; value.approved;
 * TechnicalCorrection: value.tx_code in ['COR', 'FIX']
 * </pre>
 * A {@code ;} inside a quoted string belongs to the condition. Conditions see {@code value} and {@code key} (the
 * record's value and key, structs as maps), {@code headers} (a map of header name to text) and {@code topic}.
 */
public final class ClassificationRules {

    private final List<ClassificationRule> rules;
    private final FieldSelection fieldsRead;

    private ClassificationRules(List<ClassificationRule> rules) {
        this.rules = List.copyOf(rules);
        this.fieldsRead = rules.stream().map(ClassificationRule::fieldsRead).reduce(FieldSelection::union).orElse(FieldSelection.ALL);
    }

    /**
     * Parses and compiles the rules.
     *
     * @throws IllegalArgumentException naming the rule (by position and event type) whose syntax or condition is wrong
     */
    public static ClassificationRules parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no rules: write EventType: condition; ...");
        }
        List<String> entries = splitOutsideQuotes(text);
        List<ClassificationRule> rules = new ArrayList<>();
        Set<String> types = new LinkedHashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i).strip();
            String where = "rule " + (i + 1);
            if (entry.isEmpty()) {
                throw new IllegalArgumentException(where + " is empty (a doubled or trailing ';'?)");
            }
            int colon = entry.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException(where + " has no ':': write EventType: condition");
            }
            String type = entry.substring(0, colon).strip();
            String condition = entry.substring(colon + 1).strip();
            if (!type.matches("[A-Za-z][A-Za-z0-9_.-]*")) {
                throw new IllegalArgumentException(where + ": event type '" + type + "' must start with a letter and "
                        + "contain only letters, digits, '_', '.', '-'");
            }
            where = where + " (" + type + ")";
            if (!types.add(type)) {
                throw new IllegalArgumentException(where + ": event type listed twice; combine the conditions with ||");
            }
            if (condition.isEmpty()) {
                throw new IllegalArgumentException(where + " has no condition");
            }
            rules.add(compile(where, type, condition));
        }
        return new ClassificationRules(rules);
    }

    private static ClassificationRule compile(String where, String type, String condition) {
        try {
            return new ClassificationRule(type, CelCondition.compile(condition));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
    }

    /** Splits at ';' that are not inside single- or double-quoted CEL strings. */
    private static List<String> splitOutsideQuotes(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                current.append(c);
                if (c == '\\' && i + 1 < text.length()) {
                    current.append(text.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                current.append(c);
            } else if (c == ';') {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        if (parts.size() > 1 && parts.get(parts.size() - 1).isBlank()) {
            parts.remove(parts.size() - 1); // a trailing ';' is tolerated
        }
        return parts;
    }

    /**
     * The event type of the first rule whose condition holds, or empty when none does.
     *
     * @throws RuleEvaluationException when a condition cannot be evaluated on this record
     */
    public Optional<String> classify(Map<String, ?> variables) {
        for (ClassificationRule rule : rules) {
            if (rule.matches(variables)) {
                return Optional.of(rule.eventType());
            }
        }
        return Optional.empty();
    }

    /**
     * The event type of the first rule whose condition holds on the variables of {@link CelVariables#lazy} (given
     * {@link #fieldsRead()}), or empty when none does.
     *
     * @throws RuleEvaluationException when a condition cannot be evaluated on this record
     */
    public Optional<String> classify(CelVariableResolver variables) {
        for (ClassificationRule rule : rules) {
            if (rule.matches(variables)) {
                return Optional.of(rule.eventType());
            }
        }
        return Optional.empty();
    }

    /** The fields of {@code value} and {@code key} any of the rules can read. */
    public FieldSelection fieldsRead() {
        return fieldsRead;
    }

    public List<ClassificationRule> rules() {
        return rules;
    }
}
