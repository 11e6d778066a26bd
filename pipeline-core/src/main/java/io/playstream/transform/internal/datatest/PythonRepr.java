package io.playstream.transform.internal.datatest;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Python's {@code repr} of a structure whose leaves dbt turned into text first (dicts with sorted
 * keys, lists, strings): the text dbt hashes into a generic test's unique id.
 */
final class PythonRepr {

    private PythonRepr() {
    }

    static String ofTextValues(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
            return sorted.entrySet().stream().map(e -> string(e.getKey()) + ": " + ofTextValues(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(PythonRepr::ofTextValues).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Boolean b) {
            return string(b ? "True" : "False");
        }
        return string(value == null ? "None" : String.valueOf(value));
    }

    /** A Python string literal as repr writes it: single quotes unless the text has one and no double quote. */
    static String string(String text) {
        char quote = text.contains("'") && !text.contains("\"") ? '"' : '\'';
        StringBuilder out = new StringBuilder().append(quote);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c == quote) {
                        out.append('\\');
                    }
                    out.append(c);
                }
            }
        }
        return out.append(quote).toString();
    }
}
