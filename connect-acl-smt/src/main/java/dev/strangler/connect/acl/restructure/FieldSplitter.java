package dev.strangler.connect.acl.restructure;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Splits one overloaded legacy value into parts, by a regular expression (one capturing group per part, the whole
 * value must match) or by character positions ({@code 0-1,1-} = first letter, rest). Compiled once; thread-safe.
 */
public final class FieldSplitter {

    private final Pattern pattern;
    private final List<int[]> positions;
    private final int parts;

    private FieldSplitter(Pattern pattern, List<int[]> positions, int parts) {
        this.pattern = pattern;
        this.positions = positions;
        this.parts = parts;
    }

    /** @throws IllegalArgumentException when the expression is invalid or has no capturing group */
    public static FieldSplitter byPattern(String regex) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regular expression: " + e.getDescription() + " near index " + e.getIndex());
        }
        int groups = pattern.matcher("").groupCount();
        if (groups == 0) {
            throw new IllegalArgumentException("the expression needs one capturing group per part, e.g. ([A-Z])(\\d+)");
        }
        return new FieldSplitter(pattern, null, groups);
    }

    /**
     * @param spec comma-separated {@code start-end} ranges, end exclusive; an omitted end means "to the end"
     * @throws IllegalArgumentException when a range is malformed
     */
    public static FieldSplitter byPositions(String spec) {
        List<int[]> ranges = new ArrayList<>();
        for (String range : spec.split(",")) {
            String trimmed = range.trim();
            Matcher m = Pattern.compile("(\\d+)-(\\d*)").matcher(trimmed);
            if (!m.matches()) {
                throw new IllegalArgumentException("range '" + trimmed + "' is not start-end (end exclusive, may be omitted)");
            }
            int start = Integer.parseInt(m.group(1));
            int end = m.group(2).isEmpty() ? -1 : Integer.parseInt(m.group(2));
            if (end != -1 && end <= start) {
                throw new IllegalArgumentException("range '" + trimmed + "' ends before it starts");
            }
            ranges.add(new int[] {start, end});
        }
        return new FieldSplitter(null, List.copyOf(ranges), ranges.size());
    }

    /** How many parts a value splits into. */
    public int parts() {
        return parts;
    }

    /** The parts of the value, or empty when it does not match (too short, or not matching the expression). */
    public Optional<List<String>> split(String value) {
        List<String> result = new ArrayList<>(parts);
        if (pattern != null) {
            Matcher matcher = pattern.matcher(value);
            if (!matcher.matches()) {
                return Optional.empty();
            }
            for (int i = 1; i <= parts; i++) {
                result.add(matcher.group(i));
            }
            return Optional.of(result);
        }
        for (int[] range : positions) {
            int end = range[1] == -1 ? value.length() : range[1];
            if (range[0] > value.length() || end > value.length() || (range[1] == -1 && range[0] == value.length())) {
                return Optional.empty();
            }
            result.add(value.substring(range[0], end));
        }
        return Optional.of(result);
    }
}
