package io.playstream.jobs;

import java.time.Instant;
import java.util.Objects;

/**
 * A half-open span of event time {@code [start, end)} that a run works on, as an Airflow run's
 * data interval. Keying runs on it (not on the clock) is what makes a re-run idempotent.
 */
public record DataInterval(Instant start, Instant end) {

    public DataInterval {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("interval start must be before end, got start=" + start + " end=" + end);
        }
    }

    /** Parses two ISO-8601 instants, e.g. {@code 2025-12-10T15:00:00Z}; offsets other than Z are normalised to UTC. */
    public static DataInterval parse(String start, String end) {
        return new DataInterval(parseInstant("start", start), parseInstant("end", end));
    }

    private static Instant parseInstant(String name, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("interval " + name + " is required (an ISO-8601 instant)");
        }
        try {
            return java.time.OffsetDateTime.parse(text.trim()).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("interval " + name + " is not an ISO-8601 instant with offset: " + text, e);
        }
    }

    @Override
    public String toString() {
        return "[" + start + ", " + end + ")";
    }
}
