package io.playstream.transform.internal.graph;

import java.util.regex.Pattern;

/** Python's {@code fnmatch}, which dbt's selector methods match names with: {@code *}, {@code ?}, {@code [seq]}, {@code [!seq]}. */
final class Glob {

    private Glob() {
    }

    static boolean matches(String name, String pattern) {
        return toRegex(pattern).matcher(name).matches();
    }

    static boolean hasWildcard(String text) {
        return text.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == ']');
    }

    private static Pattern toRegex(String pattern) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i++);
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else if (c == '[') {
                int end = pattern.indexOf(']', i + (i < pattern.length() && pattern.charAt(i) == '!' ? 2 : 1));
                if (end < 0) {
                    regex.append("\\[");
                    continue;
                }
                String set = pattern.substring(i, end);
                i = end + 1;
                regex.append('[');
                if (set.startsWith("!")) {
                    regex.append('^');
                    set = set.substring(1);
                }
                // ranges (a-z) stay ranges; what else is special to Java inside a class is escaped
                set.chars().forEach(ch -> regex.append("\\[]^&".indexOf(ch) >= 0 ? "\\" : "").append((char) ch));
                regex.append(']');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
