package dev.strangler.connect.journey;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The migration plan of config-examples with its calendar compressed into minutes, for the journey demo: the
 * plan's cutovers are months apart in 2027, the demo has a few minutes. Every distinct effective instant of the
 * plan, in order, is replaced: the first (when the plan starts governing) by {@code origin}, the n-th after it by
 * {@code firstCutover + (n - 1) * step}. The plan keeps its scopes,
 * phases and order and only its clock changes. The rewrite is textual on the {@code from:} values, so the document
 * stays the reviewed file otherwise.
 */
public final class CompressedPlan {

    private static final Pattern FROM = Pattern.compile("(from:\\s*)(\\S+)");

    private final String document;
    private final List<Instant> cutovers;

    private CompressedPlan(String document, List<Instant> cutovers) {
        this.document = document;
        this.cutovers = List.copyOf(cutovers);
    }

    public static CompressedPlan of(String plan, Instant origin, Instant firstCutover, Duration step) {
        TreeMap<Instant, String> instants = new TreeMap<>();
        Matcher matcher = FROM.matcher(plan);
        while (matcher.find()) {
            instants.put(parse(matcher.group(2)), matcher.group(2));
        }
        if (instants.isEmpty()) {
            throw new IllegalArgumentException("The plan has no 'from:' instants");
        }
        Map<Instant, Instant> replacement = new TreeMap<>();
        List<Instant> cutovers = new ArrayList<>();
        int n = 0;
        for (Instant original : instants.keySet()) {
            Instant compressed = n == 0 ? origin : firstCutover.plus(step.multipliedBy(n - 1));
            n++;
            replacement.put(original, compressed);
            cutovers.add(compressed);
        }
        StringBuilder result = new StringBuilder();
        matcher = FROM.matcher(plan);
        while (matcher.find()) {
            Instant compressed = replacement.get(parse(matcher.group(2)));
            matcher.appendReplacement(result, Matcher.quoteReplacement(matcher.group(1) + compressed));
        }
        matcher.appendTail(result);
        return new CompressedPlan(result.toString(), cutovers);
    }

    /** The plan document with the compressed instants. */
    public String document() {
        return document;
    }

    /** The plan's distinct effective instants after compression, in order. */
    public List<Instant> cutovers() {
        return cutovers;
    }

    private static Instant parse(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Not an ISO-8601 instant in the plan: " + text, e);
        }
    }
}
