package io.playstream.partition;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bronze file written by the original Python pipeline:
 * {@code bronze/date=YYYY-MM-DD/hour=HH/spotify_events_<wall clock, yyyy-MM-ddTHH-mm-ss>.json}, plain
 * newline-delimited JSON without a trailing newline. Its date and hour are the consumer's clock,
 * not the events' (the original's bug): loaders take the events' own timestamps.
 *
 * @param date      the folder's date
 * @param hour      the folder's hour
 * @param writtenAt the consumer's wall clock in the file name
 */
public record LegacyBronzeKey(LocalDate date, int hour, LocalDateTime writtenAt) implements ObjectKey, HourPartition {

    private static final Pattern PATTERN = Pattern.compile(
            "bronze/date=(\\d{4}-\\d{2}-\\d{2})/hour=(\\d{2})/spotify_events_(\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2})\\.json");
    private static final DateTimeFormatter WALL_CLOCK = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH-mm-ss");

    public LegacyBronzeKey {
        requireNonNull(date, "date");
        requireNonNull(writtenAt, "writtenAt");
        if (hour < 0 || hour > 23) {
            throw new IllegalArgumentException("hour must be 0-23, was " + hour);
        }
    }

    @Override
    public String value() {
        return BronzeKey.hourPrefix(date, hour) + "spotify_events_" + WALL_CLOCK.format(writtenAt) + ".json";
    }

    public static Optional<LegacyBronzeKey> parse(String key) {
        Matcher m = PATTERN.matcher(key);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LegacyBronzeKey(LocalDate.parse(m.group(1)), Integer.parseInt(m.group(2)),
                    LocalDateTime.parse(m.group(3), WALL_CLOCK)));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value();
    }
}
