package io.playstream.partition;

import java.util.regex.Pattern;

/**
 * Kafka's own rule for topic names: 1-249 characters of {@code [a-zA-Z0-9._-]}, not {@code .} or
 * {@code ..}. Since {@code +} and {@code /} are not allowed, a topic can neither escape an object key's
 * prefix nor make the {@code <topic>+<partition>+<offset>} file name ambiguous.
 */
public final class TopicNames {

    /** The topic of CONTRACTS.md §1. */
    public static final String DEFAULT_TOPIC = "spotify-events";

    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private TopicNames() {
    }

    public static boolean isValid(String topic) {
        return topic != null && LEGAL.matcher(topic).matches() && !topic.equals(".") && !topic.equals("..");
    }

    /** The topic itself when valid; otherwise an exception that names the rule. */
    public static String requireValid(String topic) {
        if (!isValid(topic)) {
            throw new IllegalArgumentException("topic '" + topic
                    + "' is not a valid Kafka topic name: 1-249 characters of a-z A-Z 0-9 . _ -, not '.' or '..'");
        }
        return topic;
    }
}
