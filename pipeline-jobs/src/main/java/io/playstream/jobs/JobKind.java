package io.playstream.jobs;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The jobs a run can be, by the names the HTTP API and the schedules use. */
public enum JobKind {
    LOAD,
    TRANSFORM,
    PIPELINE;

    /** The name on the wire: {@code load}, {@code transform}, {@code pipeline}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind of that wire name; fails naming the accepted ones. */
    public static JobKind fromWireName(String name) {
        for (JobKind kind : values()) {
            if (kind.wireName().equals(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown job '" + name + "', accepted: " + acceptedNames());
    }

    public static String acceptedNames() {
        return Arrays.stream(values()).map(JobKind::wireName).collect(Collectors.joining(", "));
    }
}
