package dev.strangler.connect.core.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inline form of a mapping in connector JSON: {@code key=value} entries separated by commas. Whitespace around
 * keys and values is ignored (so entries can be laid out readably); a backslash makes the next character literal,
 * which is how a code containing {@code ,} {@code =} {@code \} or a significant leading/trailing space is written.
 */
final class InlineMappingSyntax {

    private InlineMappingSyntax() {
    }

    /** One character of the input and whether it was escaped (escaped characters are never separators or trimmed). */
    private record Token(char c, boolean escaped) {
    }

    static Map<String, String> parse(String text, String entryWord) {
        if (text == null || text.isBlank()) {
            throw new MappingDefinitionException("", "mapping has no entries");
        }
        List<List<Token>> entries = split(tokenize(text), ',');
        Map<String, String> result = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            String path = entryWord + " " + (i + 1);
            List<Token> entry = entries.get(i);
            if (render(entry).isEmpty()) {
                throw new MappingDefinitionException(path, "is empty (two commas in a row, or a trailing comma?)");
            }
            int equals = indexOfSeparator(entry, '=');
            if (equals < 0) {
                throw new MappingDefinitionException(path, "'" + render(entry) + "' has no '=': write key=value");
            }
            String key = render(entry.subList(0, equals));
            String value = render(entry.subList(equals + 1, entry.size()));
            if (key.isEmpty()) {
                throw new MappingDefinitionException(path, "has nothing before '='");
            }
            if (value.isEmpty()) {
                throw new MappingDefinitionException(path, "'" + key + "' has nothing after '='");
            }
            if (result.putIfAbsent(key, value) != null) {
                throw new MappingDefinitionException(path, "'" + key + "' is listed twice");
            }
        }
        return result;
    }

    private static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                if (i + 1 == text.length()) {
                    throw new MappingDefinitionException("", "ends with a lone backslash");
                }
                tokens.add(new Token(text.charAt(++i), true));
            } else {
                tokens.add(new Token(c, false));
            }
        }
        return tokens;
    }

    private static List<List<Token>> split(List<Token> tokens, char separator) {
        List<List<Token>> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (!token.escaped() && token.c() == separator) {
                parts.add(tokens.subList(start, i));
                start = i + 1;
            }
        }
        parts.add(tokens.subList(start, tokens.size()));
        return parts;
    }

    private static int indexOfSeparator(List<Token> tokens, char separator) {
        for (int i = 0; i < tokens.size(); i++) {
            if (!tokens.get(i).escaped() && tokens.get(i).c() == separator) {
                return i;
            }
        }
        return -1;
    }

    /** The text of the tokens without unescaped whitespace at either end. */
    private static String render(List<Token> tokens) {
        int from = 0;
        int to = tokens.size();
        while (from < to && !tokens.get(from).escaped() && Character.isWhitespace(tokens.get(from).c())) {
            from++;
        }
        while (to > from && !tokens.get(to - 1).escaped() && Character.isWhitespace(tokens.get(to - 1).c())) {
            to--;
        }
        StringBuilder text = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            text.append(tokens.get(i).c());
        }
        return text.toString();
    }
}
