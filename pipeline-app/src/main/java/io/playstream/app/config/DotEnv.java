package io.playstream.app.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code .env} file as python-dotenv does for the common cases: {@code KEY=VALUE} lines,
 * an optional {@code export } prefix, {@code #} comments (whole lines, or after an unquoted value
 * and a space), single quotes taken literally, double quotes with {@code \n}, {@code \"} and
 * {@code \\} escapes. Values spanning several lines are not supported. A malformed line is an
 * error naming its line number (and never echoing the line: it may hold a secret).
 */
public final class DotEnv {

    private DotEnv() {
    }

    /** The variables of {@code file}, or none when it does not exist. */
    public static Map<String, String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static Map<String, String> parse(List<String> lines, String source) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int equals = line.indexOf('=');
            String key = equals < 0 ? "" : line.substring(0, equals).strip();
            if (!key.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
                throw new IllegalArgumentException(source + " line " + (i + 1) + ": expected KEY=VALUE");
            }
            variables.put(key, value(line.substring(equals + 1).strip(), source, i + 1));
        }
        return variables;
    }

    private static String value(String raw, String source, int lineNumber) {
        if (raw.startsWith("'")) {
            int end = raw.indexOf('\'', 1);
            requireClosed(end, source, lineNumber);
            return raw.substring(1, end);
        }
        if (raw.startsWith("\"")) {
            return doubleQuoted(raw, source, lineNumber);
        }
        int comment = raw.indexOf(" #");
        return (comment < 0 ? raw : raw.substring(0, comment)).strip();
    }

    private static String doubleQuoted(String raw, String source, int lineNumber) {
        StringBuilder value = new StringBuilder();
        for (int i = 1; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '"') {
                return value.toString();
            }
            if (c == '\\' && i + 1 < raw.length()) {
                char next = raw.charAt(++i);
                value.append(switch (next) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> next;
                });
            } else {
                value.append(c);
            }
        }
        requireClosed(-1, source, lineNumber);
        return value.toString();
    }

    private static void requireClosed(int end, String source, int lineNumber) {
        if (end < 0) {
            throw new IllegalArgumentException(source + " line " + lineNumber + ": unclosed quote");
        }
    }
}
