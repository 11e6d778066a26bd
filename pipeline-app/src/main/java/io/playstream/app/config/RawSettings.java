package io.playstream.app.config;

import io.playstream.jobs.PipelineRuns;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The merged text values by key, with where each came from, turned into typed values. Every
 * problem is collected, naming the key, its source and the accepted values, so that one start
 * reports all of them.
 */
final class RawSettings {

    /** A value and where it was set: "default", the file's name, ".env", "PLAYSTREAM_X", "--option". */
    record Value(String text, String source) {
    }

    private final Map<String, Value> values;
    private final List<String> problems = new ArrayList<>();

    RawSettings(Map<String, Value> values) {
        this.values = values;
    }

    String text(String key) {
        return values.get(key).text().strip();
    }

    int port(String key) {
        return integer(key, 0, 65_535, "a port number 0-65535 (0 picks a free port)");
    }

    int integer(String key, int min, int max, String accepted) {
        return parse(key, accepted, Integer::parseInt, v -> v >= min && v <= max, 0);
    }

    long bytes(String key) {
        return parse(key, "a positive number of bytes", Long::parseLong, v -> v > 0, 1L);
    }

    boolean flag(String key) {
        return parse(key, "true or false", text -> switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> null;
        }, java.util.Objects::nonNull, Boolean.FALSE);
    }

    Duration duration(String key) {
        return parse(key, "an ISO-8601 duration such as PT30S or PT5M", Duration::parse,
                d -> !d.isNegative() && !d.isZero(), Duration.ofSeconds(1));
    }

    String schedule(String key) {
        String text = text(key);
        if (!text.equalsIgnoreCase("off")) {
            try {
                PipelineRuns.validateSchedule(text);
            } catch (IllegalArgumentException e) {
                problem(key, "a cron expression such as '0 * * * *', an ISO-8601 duration such as PT1H, or 'off'");
            }
        }
        return text;
    }

    String oneOf(String key, String accepted, String... prefixes) {
        String text = text(key);
        for (String prefix : prefixes) {
            if (text.startsWith(prefix)) {
                return text;
            }
        }
        problem(key, accepted);
        return text;
    }

    String nonBlank(String key, String accepted) {
        String text = text(key);
        if (text.isEmpty()) {
            problem(key, accepted);
        }
        return text;
    }

    void problem(String key, String accepted) {
        Value value = values.get(key);
        problems.add(key + " = '" + value.text() + "' (from " + value.source() + ") is not valid; accepted: " + accepted);
    }

    /** A URL of {@code key} must not carry a password: it would be printed and logged with the URL. */
    void refuseEmbeddedPassword(String key, String secretVariable) {
        if (text(key).toLowerCase(java.util.Locale.ROOT).contains("password=")) {
            problems.add(key + " (from " + values.get(key).source() + ") holds a password; secrets are read from the environment only ("
                    + secretVariable + ")");
        }
    }

    void unknownKey(String key, String source, java.util.Collection<String> accepted) {
        String hint = key.matches("(?i).*(token|password|secret).*")
                ? "secrets are read from the environment only (" + Secrets.API_TOKEN + ", " + Secrets.JOBS_STORAGE_PASSWORD
                        + ", " + Secrets.WAREHOUSE_PASSWORD + ")"
                : "accepted keys: " + String.join(", ", accepted);
        problems.add("unknown key '" + key + "' in " + source + "; " + hint);
    }

    /** Fails with every problem found, one per line, when there was any. */
    void requireValid() {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid configuration:\n  " + String.join("\n  ", problems));
        }
    }

    <T> T parse(String key, String accepted, Function<String, T> parser, java.util.function.Predicate<T> valid, T fallback) {
        try {
            T value = parser.apply(text(key));
            if (valid.test(value)) {
                return value;
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            // reported below, with the key and what it accepts
        }
        problem(key, accepted);
        return fallback;
    }
}
