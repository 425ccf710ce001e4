package dev.strangler.connect.core.mapping;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A translation table between legacy codes and domain values, the one definition both directions of the migration
 * share: the anti-corruption layer translates legacy to domain ({@link #translate}), the legacy sink writes domain
 * values back as legacy codes ({@link #reverse}).
 *
 * <h2>Defining a mapping</h2>
 * <ul>
 *   <li>Inline: {@code ValueMapping.parse("A=ACTIVE, L=LAPSED, X=LAPSED", "LAPSED=L")} — entries
 *       {@code legacy=domain} separated by commas; whitespace around entries is ignored; a backslash escapes
 *       {@code , = \} and a significant space. The second argument lists reverse choices {@code domain=legacy}.</li>
 *   <li>From a file on the worker: {@link #load(Path)} reads {@code .json}, {@code .yaml}/{@code .yml} (either a flat
 *       object {@code {"A": "ACTIVE"}} or {@code {"values": {...}, "reverse": {...}}}) and {@code .properties}
 *       (flat entries only).</li>
 * </ul>
 * Codes are compared exactly as text (numbers by their decimal text): trim CHAR padding before translating.
 *
 * <h2>Reverse is well-defined or refused</h2>
 * A many-to-one table ({@code L=LAPSED, X=LAPSED}) cannot be reversed by itself: which code should the legacy
 * system get for {@code LAPSED}? Such a table needs a reverse choice per ambiguous domain value ({@code LAPSED=L}).
 * Forward translation never needs one; a reverse user calls {@link #requireInvertible()} at configure time (the
 * factory {@link ValueTranslator#reverse} does), so an ambiguous table is a configuration error, not a
 * surprise in production. Reverse choices are checked when the mapping is built: they must name a domain value of
 * the table and one of the legacy codes that map to it.
 *
 * <p>Instances are immutable and thread-safe. A {@code null} value is never a code: see {@link ValueTranslator}.
 */
public final class ValueMapping {

    private final Map<String, String> forward;
    private final Map<String, String> reverse;
    private final Map<String, List<String>> ambiguities;

    private ValueMapping(Map<String, String> forward, Map<String, String> reverse, Map<String, List<String>> ambiguities) {
        this.forward = forward;
        this.reverse = reverse;
        this.ambiguities = ambiguities;
    }

    /** A one-directional or one-to-one table, in the iteration order of {@code entries}. */
    public static ValueMapping of(Map<String, String> entries) {
        return of(entries, Map.of());
    }

    /**
     * A table with reverse choices ({@code domain -> legacy}) for the domain values that several codes map to.
     *
     * @throws MappingDefinitionException when the table is empty, has an empty code or value, or a reverse choice
     *                                    does not fit the table
     */
    public static ValueMapping of(Map<String, String> entries, Map<String, String> reverseChoices) {
        Objects.requireNonNull(entries, "entries");
        Objects.requireNonNull(reverseChoices, "reverseChoices");
        if (entries.isEmpty()) {
            throw new MappingDefinitionException("", "mapping has no entries");
        }
        Map<String, String> forward = new LinkedHashMap<>();
        Map<String, List<String>> codesByDomain = new LinkedHashMap<>();
        entries.forEach((legacy, domain) -> {
            if (legacy == null || legacy.isEmpty()) {
                throw new MappingDefinitionException("values", "legacy code is empty");
            }
            if (domain == null || domain.isEmpty()) {
                throw new MappingDefinitionException("values." + legacy, "domain value is empty");
            }
            forward.put(legacy, domain);
            codesByDomain.computeIfAbsent(domain, d -> new ArrayList<>()).add(legacy);
        });

        Map<String, String> reverse = new LinkedHashMap<>();
        Map<String, List<String>> ambiguities = new LinkedHashMap<>();
        codesByDomain.forEach((domain, codes) -> {
            if (codes.size() == 1) {
                reverse.put(domain, codes.get(0));
            }
        });
        reverseChoices.forEach((domain, legacy) -> {
            List<String> codes = codesByDomain.get(domain);
            if (codes == null) {
                throw new MappingDefinitionException("reverse." + domain, "'" + domain + "' is not a domain value of the mapping");
            }
            if (!codes.contains(legacy)) {
                throw new MappingDefinitionException("reverse." + domain, "legacy code '" + legacy + "' does not map to '"
                        + domain + "'; choose one of " + codes);
            }
            reverse.put(domain, legacy);
        });
        codesByDomain.forEach((domain, codes) -> {
            if (!reverse.containsKey(domain)) {
                ambiguities.put(domain, List.copyOf(codes));
            }
        });
        return new ValueMapping(Collections.unmodifiableMap(forward), Collections.unmodifiableMap(reverse),
                Collections.unmodifiableMap(ambiguities));
    }

    /** Parses inline entries {@code "A=ACTIVE,L=LAPSED"} without reverse choices. */
    public static ValueMapping parse(String inlineEntries) {
        return parse(inlineEntries, "");
    }

    /**
     * Parses inline entries and inline reverse choices ({@code "LAPSED=L"}; may be null or empty).
     *
     * @throws MappingDefinitionException naming the entry ({@code entry 2}, {@code reverse entry 1}) that is wrong
     */
    public static ValueMapping parse(String inlineEntries, String inlineReverseChoices) {
        Map<String, String> entries = InlineMappingSyntax.parse(inlineEntries, "entry");
        Map<String, String> choices = inlineReverseChoices == null || inlineReverseChoices.isBlank()
                ? Map.of() : InlineMappingSyntax.parse(inlineReverseChoices, "reverse entry");
        return of(entries, choices);
    }

    /**
     * Loads a mapping file from the worker's file system; the format follows the extension ({@code .json},
     * {@code .yaml}, {@code .yml}, {@code .properties}).
     *
     * @throws MappingDefinitionException when the file cannot be read or its content is not a mapping
     */
    public static ValueMapping load(Path file) {
        return MappingFiles.load(file);
    }

    /** The domain value for a legacy code, or empty when the table does not list the code. */
    public Optional<String> translate(String legacyCode) {
        return legacyCode == null ? Optional.empty() : Optional.ofNullable(forward.get(legacyCode));
    }

    /**
     * The legacy code for a domain value, or empty when no code maps to it.
     *
     * @throws IllegalStateException when several codes map to the value and no reverse choice says which one;
     *                               call {@link #requireInvertible()} at configure time to rule this out
     */
    public Optional<String> reverse(String domainValue) {
        if (domainValue == null) {
            return Optional.empty();
        }
        String legacy = reverse.get(domainValue);
        if (legacy == null && ambiguities.containsKey(domainValue)) {
            throw new IllegalStateException("Domain value '" + domainValue + "' comes from several legacy codes "
                    + ambiguities.get(domainValue) + " and the mapping has no reverse choice for it");
        }
        return Optional.ofNullable(legacy);
    }

    /** Whether every domain value has exactly one legacy code to go back to. */
    public boolean isInvertible() {
        return ambiguities.isEmpty();
    }

    /**
     * This mapping, if it can be reversed.
     *
     * @throws MappingDefinitionException listing every ambiguous domain value with its codes
     */
    public ValueMapping requireInvertible() {
        if (!ambiguities.isEmpty()) {
            StringBuilder message = new StringBuilder("mapping is not invertible: ");
            List<String> problems = new ArrayList<>();
            ambiguities.forEach((domain, codes) -> problems.add("'" + domain + "' comes from " + codes));
            message.append(String.join("; ", problems))
                    .append(". Add a reverse choice domain=legacy for each, e.g. ")
                    .append(ambiguities.keySet().iterator().next()).append('=')
                    .append(ambiguities.values().iterator().next().get(0));
            throw new MappingDefinitionException("reverse", message.toString());
        }
        return this;
    }

    /** Domain values that several codes map to without a reverse choice, with those codes. */
    public Map<String, List<String>> ambiguities() {
        return ambiguities;
    }

    /** The forward table, legacy code to domain value, in definition order. */
    public Map<String, String> entries() {
        return forward;
    }

    /** The domain values of the table. */
    public Set<String> domainValues() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(forward.values()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValueMapping other && forward.equals(other.forward) && reverse.equals(other.reverse);
    }

    @Override
    public int hashCode() {
        return Objects.hash(forward, reverse);
    }

    @Override
    public String toString() {
        return "ValueMapping" + forward + (reverse.isEmpty() ? "" : " reverse" + reverse);
    }
}
