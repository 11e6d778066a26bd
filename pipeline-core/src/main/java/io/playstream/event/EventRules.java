package io.playstream.event;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Silver's rules on one event, over its fields as bronze keeps them (the JSON text of each, null
 * when absent): the first rule broken names the row's {@link RejectReason}, in
 * {@link RejectReason#quarantineOrder()}. {@code dbt/macros/reject_reason.sql} applies the same
 * rules in SQL and is tested against these on one corpus ({@code EventContractAgreementIT}); the
 * codec judges with them too, so a library user and the warehouse agree on every value.
 */
public final class EventRules {

    /**
     * When a real instant is still believable (dbt vars {@code earliest_event_at} and
     * {@code max_clock_skew_hours}).
     *
     * @param earliest     event times before this are a zeroed or wrapped clock
     * @param maxClockSkew how far after its load an event may claim to be
     */
    public record TimeWindow(Instant earliest, Duration maxClockSkew) {

        public TimeWindow {
            requireNonNull(earliest, "earliest");
            requireNonNull(maxClockSkew, "maxClockSkew");
        }
    }

    private EventRules() {
    }

    /**
     * The first of silver's rules the fields break, or empty for a valid event.
     *
     * @param field    the JSON text of a field by wire name, null when absent or JSON null
     * @param loadedAt the row's load stamp, for the range rule; with {@code window} null, no range rule
     * @param window   when an event time is believable; null to skip that rule
     */
    public static Optional<RejectReason> firstBroken(UnaryOperator<String> field, Instant loadedAt, TimeWindow window) {
        if (missing(field.apply(EventFields.EVENT_ID))) {
            return Optional.of(RejectReason.MISSING_EVENT_ID);
        }
        if (missing(field.apply(EventFields.USER_ID))) {
            return Optional.of(RejectReason.MISSING_USER_ID);
        }
        if (missing(field.apply(EventFields.SONG_ID))) {
            return Optional.of(RejectReason.MISSING_SONG_ID);
        }
        String type = field.apply(EventFields.EVENT_TYPE);
        if (missing(type)) {
            return Optional.of(RejectReason.MISSING_EVENT_TYPE);
        }
        if (EventType.fromWireName(type).isEmpty()) {
            return Optional.of(RejectReason.UNKNOWN_EVENT_TYPE);
        }
        String timestamp = field.apply(EventFields.TIMESTAMP);
        if (missing(timestamp)) {
            return Optional.of(RejectReason.MISSING_TIMESTAMP);
        }
        Optional<Instant> at = Timestamps.parse(timestamp);
        if (at.isEmpty()) {
            return Optional.of(RejectReason.BAD_TIMESTAMP);
        }
        if (window != null && (at.get().isBefore(window.earliest())
                || at.get().isAfter(loadedAt.plus(window.maxClockSkew())))) {
            return Optional.of(RejectReason.TIMESTAMP_OUT_OF_RANGE);
        }
        if (!nonNegativeWholeOrAbsent(field.apply(EventFields.POSITION_MS))) {
            return Optional.of(RejectReason.BAD_POSITION_MS);
        }
        if (!nonNegativeWholeOrAbsent(field.apply(EventFields.DURATION_MS))) {
            return Optional.of(RejectReason.BAD_DURATION_MS);
        }
        String version = field.apply(EventFields.SCHEMA_VERSION);
        if (version != null && !(wholeNumber(version) && inRange(version, 1, EventContract.MAX_SCHEMA_VERSION))) {
            return Optional.of(RejectReason.BAD_SCHEMA_VERSION);
        }
        return Optional.empty();
    }

    /** True when {@code text} is a whole number as silver reads one: optional sign, 1 to 18 digits. */
    public static boolean wholeNumber(String text) {
        return EventContract.WHOLE_NUMBER.matcher(text).matches();
    }

    private static boolean missing(String text) {
        return text == null || EventContract.isBlank(text);
    }

    private static boolean nonNegativeWholeOrAbsent(String text) {
        return text == null || (wholeNumber(text) && Long.parseLong(text) >= 0);
    }

    private static boolean inRange(String whole, long min, long max) {
        long value = Long.parseLong(whole);
        return value >= min && value <= max;
    }
}
