package io.playstream.partition;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The key of a dead-letter file (CONTRACTS.md §2):
 * {@code dead-letter/date=YYYY-MM-DD/<topic>+<partition>+<startOffset, 19 digits>.jsonl.gz}. The date
 * is the Kafka record's timestamp, since a dead letter may have no usable event time.
 */
public record DeadLetterKey(String topic, int partition, long startOffset, LocalDate date) implements ObjectKey {

    private static final Pattern PATTERN = Pattern.compile(
            "dead-letter/date=(\\d{4}-\\d{2}-\\d{2})/([a-zA-Z0-9._-]{1,249})\\+(\\d{1,10})\\+(\\d{19})\\.jsonl\\.gz");

    public DeadLetterKey {
        TopicNames.requireValid(topic);
        requireNonNull(date, "date");
        if (partition < 0 || startOffset < 0) {
            throw new IllegalArgumentException("partition and startOffset must be >= 0");
        }
        if (date.getYear() < 0 || date.getYear() > 9999) {
            throw new IllegalArgumentException("date must be in years 0000-9999, was " + date);
        }
    }

    /** The key for dead letters starting at {@code startOffset}, dated by the record's Kafka timestamp. */
    public static DeadLetterKey of(String topic, int partition, long startOffset, Instant recordTime) {
        return new DeadLetterKey(topic, partition, startOffset, LocalDate.ofInstant(recordTime, ZoneOffset.UTC));
    }

    @Override
    public String value() {
        return ObjectKeys.DEAD_LETTER_PREFIX + "date=" + date + "/" + topic + "+" + partition + "+"
                + String.format("%019d", startOffset) + Compression.GZIP.suffix();
    }

    public static Optional<DeadLetterKey> parse(String key) {
        Matcher m = PATTERN.matcher(key);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DeadLetterKey(m.group(2), Integer.parseInt(m.group(3)), Long.parseLong(m.group(4)),
                    LocalDate.parse(m.group(1))));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value();
    }
}
