package io.playstream.partition;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The key of a bronze file (CONTRACTS.md §2):
 * {@code bronze/date=YYYY-MM-DD/hour=HH/<topic>+<partition>+<startOffset, 19 digits>.jsonl.gz}.
 * A pure function of the record sequence: the same records always land under the same key, so a
 * replay after a crash overwrites instead of duplicating.
 *
 * @param topic       the Kafka topic
 * @param partition   the Kafka partition
 * @param startOffset the offset of the first record in the file
 * @param date        the UTC date of the events' own timestamps
 * @param hour        the UTC hour, 0-23
 * @param compression how the body is compressed
 */
public record BronzeKey(String topic, int partition, long startOffset, LocalDate date, int hour,
        Compression compression) implements ObjectKey, HourPartition {

    private static final Pattern PATTERN = Pattern.compile(
            "bronze/date=(\\d{4}-\\d{2}-\\d{2})/hour=(\\d{2})/([a-zA-Z0-9._-]{1,249})\\+(\\d{1,10})\\+(\\d{19})(\\.jsonl\\.(?:gz|zst))");

    public BronzeKey {
        TopicNames.requireValid(topic);
        requireNonNull(date, "date");
        requireNonNull(compression, "compression");
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0, was " + partition);
        }
        if (startOffset < 0) {
            throw new IllegalArgumentException("startOffset must be >= 0, was " + startOffset);
        }
        if (hour < 0 || hour > 23) {
            throw new IllegalArgumentException("hour must be 0-23, was " + hour);
        }
        if (date.getYear() < 0 || date.getYear() > 9999) {
            throw new IllegalArgumentException("date must be in years 0000-9999, was " + date);
        }
    }

    /** The key for a file whose first record is at {@code startOffset} and whose events fall in the hour of {@code eventTime}. */
    public static BronzeKey of(String topic, int partition, long startOffset, Instant eventTime, Compression compression) {
        LocalDateTime utc = LocalDateTime.ofInstant(eventTime, ZoneOffset.UTC);
        return new BronzeKey(topic, partition, startOffset, utc.toLocalDate(), utc.getHour(), compression);
    }

    /** The prefix of every bronze file of one hour: {@code bronze/date=YYYY-MM-DD/hour=HH/}. */
    public static String hourPrefix(LocalDate date, int hour) {
        return ObjectKeys.BRONZE_PREFIX + "date=" + date + "/hour=" + twoDigits(hour) + "/";
    }

    @Override
    public String value() {
        return hourPrefix(date, hour) + topic + "+" + partition + "+" + String.format("%019d", startOffset)
                + compression.suffix();
    }

    /** Parses a key written by {@link #value()}; empty for anything else. */
    public static Optional<BronzeKey> parse(String key) {
        Matcher m = PATTERN.matcher(key);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BronzeKey(m.group(3), Integer.parseInt(m.group(4)), Long.parseLong(m.group(5)),
                    LocalDate.parse(m.group(1)), Integer.parseInt(m.group(2)),
                    Compression.ofKey(m.group(6)).orElseThrow()));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return Optional.empty(); // e.g. date=2025-02-30, hour=24, an offset past Long.MAX_VALUE
        }
    }

    @Override
    public String toString() {
        return value();
    }

    static String twoDigits(int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }
}
