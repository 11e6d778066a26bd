package io.playstream.event;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.regex.Pattern;
import java.util.Optional;

/**
 * Parses and prints the event timestamp. Accepts the forms of {@link EventContract#TIMESTAMP_PATTERN}
 * (the one the warehouses apply too): {@code Z} or an offset ({@code +02:00}, {@code +0200},
 * {@code +02}), 0 to 9 fraction digits, {@code T} or a space between date and time, years 0001-9999.
 * A time without an offset is refused: its instant is unknowable.
 * Prints as the original Python pipeline did ({@code isoformat() + "Z"}): microseconds, no
 * fraction when it is zero, nanoseconds only when there are some.
 */
public final class Timestamps {

    private static final DateTimeFormatter LENIENT = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .appendOffset("+HH:MM:ss", "Z")
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT);

    /** {@code +0200} and {@code +02}: offsets the formatter's pattern does not take, given a colon. */
    private static final Pattern SHORT_OFFSET = Pattern.compile("([+-]\\d{2}):?(\\d{2})?$");

    private Timestamps() {
    }

    /** The instant of an ISO-8601 timestamp with offset, or empty when it is not one. */
    public static Optional<Instant> parse(String text) {
        Instant fast = parseCanonical(text);
        if (fast != null) {
            return Optional.of(fast);
        }
        // the contract's form first: the formatter alone also takes offset seconds, years past
        // 9999, a date and time without a separator, and offsets no warehouse would
        if (!EventContract.TIMESTAMP.matcher(text).matches()) {
            return Optional.empty();
        }
        String withColon = SHORT_OFFSET.matcher(text).replaceFirst(m -> m.group(1) + ":"
                + (m.group(2) == null ? "00" : m.group(2)));
        try {
            return Optional.of(OffsetDateTime.parse(withColon, LENIENT).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Prints as {@code 2025-12-10T15:26:25.799926Z}: six fraction digits, none when the instant is a
     * whole second, nine when it has nanoseconds.
     */
    public static String format(Instant instant) {
        long epochSecond = instant.getEpochSecond();
        int nanos = instant.getNano();
        long day = Math.floorDiv(epochSecond, 86_400L);
        int secondOfDay = (int) Math.floorMod(epochSecond, 86_400L);
        LocalDate date = LocalDate.ofEpochDay(day);
        if (date.getYear() < 0 || date.getYear() > 9999) {
            return instant.toString();
        }
        StringBuilder out = new StringBuilder(30);
        pad(out, date.getYear(), 4).append('-');
        pad(out, date.getMonthValue(), 2).append('-');
        pad(out, date.getDayOfMonth(), 2).append('T');
        pad(out, secondOfDay / 3600, 2).append(':');
        pad(out, secondOfDay / 60 % 60, 2).append(':');
        pad(out, secondOfDay % 60, 2);
        if (nanos != 0) {
            out.append('.');
            if (nanos % 1000 == 0) {
                pad(out, nanos / 1000, 6);
            } else {
                pad(out, nanos, 9);
            }
        }
        return out.append('Z').toString();
    }

    /**
     * The hot path: {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, as every known producer sends, parsed by
     * hand because a {@link DateTimeFormatter} costs several times more. Null when the text has
     * another form (the lenient parser then decides).
     */
    static Instant parseCanonical(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-'
                || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        if ((year | month | day | hour | minute | second) < 0 || year == 0 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            int fractionDigits = n - 21;
            if (s.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9) {
                return null;
            }
            int fraction = digits(s, 20, n - 1);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction * POWERS_OF_TEN[9 - fractionDigits];
        } else if (n != 20) {
            return null;
        }
        try {
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(epochDay * 86_400L + hour * 3600L + minute * 60L + second, nanos);
        } catch (DateTimeException e) {
            return null; // e.g. February 30th: let the lenient parser give the verdict
        }
    }

    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
        100_000_000, 1_000_000_000};

    /** The decimal value of s[from, to), or -1 if any character is not a digit. */
    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }

    private static StringBuilder pad(StringBuilder out, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(digits);
    }

    /** UTC, the only zone Playstream stores. */
    public static final ZoneOffset UTC = ZoneOffset.UTC;
}
