package io.playstream.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Writes an event's JSON by hand into a reused buffer: the simulator must encode a million events
 * a second, and a Jackson generator per event manages about a fifth of that. Its output is byte for
 * byte Jackson's (the codec's tests compare them). Strings Jackson would escape ({@code "}, {@code \},
 * control characters, surrogate pairs) are not handled here: {@link #write} then returns -1 and the
 * codec lets Jackson write the event. One instance per thread.
 */
final class JsonEventWriter {

    private static final byte[] EVENT_ID = ascii("{\"" + EventFields.EVENT_ID + "\":\"");
    private static final byte[] USER_ID = field(EventFields.USER_ID);
    private static final byte[] SONG_ID = field(EventFields.SONG_ID);
    private static final byte[] ARTIST_NAME = field(EventFields.ARTIST_NAME);
    private static final byte[] SONG_NAME = field(EventFields.SONG_NAME);
    private static final byte[] EVENT_TYPE = field(EventFields.EVENT_TYPE);
    private static final byte[] DEVICE_TYPE = field(EventFields.DEVICE_TYPE);
    private static final byte[] COUNTRY = field(EventFields.COUNTRY);
    private static final byte[] TIMESTAMP = field(EventFields.TIMESTAMP);
    private static final byte[] SESSION_ID = field(EventFields.SESSION_ID);
    private static final byte[] POSITION_MS = number(EventFields.POSITION_MS);
    private static final byte[] DURATION_MS = number(EventFields.DURATION_MS);
    private static final byte[] SCHEMA_VERSION = number(EventFields.SCHEMA_VERSION);
    /** Field names, quotes, commas, three numbers and the timestamp: less than this. */
    private static final int FIXED_BYTES = 512;

    private byte[] buffer = new byte[2048];
    private char[] chars = new char[256];
    private int at;

    /** The buffer {@link #write} filled. */
    byte[] buffer() {
        return buffer;
    }

    /** Writes the event from the buffer's start; its length, or -1 when Jackson must write it. */
    int write(ListeningEvent event) {
        ensureCapacity(event);
        at = 0;
        put(EVENT_ID);
        boolean plain = string(event.eventId())
                && put(USER_ID) && string(event.userId())
                && put(SONG_ID) && string(event.songId())
                && put(ARTIST_NAME) && string(event.artistName())
                && put(SONG_NAME) && string(event.songName())
                && put(EVENT_TYPE) && string(event.eventType().wireName())
                && put(DEVICE_TYPE) && string(event.deviceType())
                && put(COUNTRY) && string(event.country())
                && put(TIMESTAMP) && timestamp(event.timestamp());
        if (!plain) {
            return -1;
        }
        if (event.sessionId() != null && !(put(SESSION_ID) && string(event.sessionId()))) {
            return -1;
        }
        buffer[at++] = '"';
        if (event.positionMs() != null) {
            put(POSITION_MS);
            digits(event.positionMs());
        }
        if (event.durationMs() != null) {
            put(DURATION_MS);
            digits(event.durationMs());
        }
        if (event.schemaVersion() != ListeningEvent.DEFAULT_SCHEMA_VERSION) {
            put(SCHEMA_VERSION);
            digits(event.schemaVersion());
        }
        buffer[at++] = '}';
        return at;
    }

    private void ensureCapacity(ListeningEvent event) {
        int chars = event.eventId().length() + event.userId().length() + event.songId().length()
                + event.artistName().length() + event.songName().length() + event.deviceType().length()
                + event.country().length() + (event.sessionId() == null ? 0 : event.sessionId().length());
        // UTF-8 needs at most 3 bytes for a char of the BMP (surrogates go to Jackson)
        int needed = FIXED_BYTES + 3 * chars;
        if (needed > buffer.length) {
            buffer = new byte[needed];
        }
    }

    private boolean put(byte[] bytes) {
        System.arraycopy(bytes, 0, buffer, at, bytes.length);
        at += bytes.length;
        return true;
    }

    /** Writes a string's UTF-8 bytes; false when Jackson would escape something in it. */
    private boolean string(String value) {
        int length = value.length();
        if (length > chars.length) {
            chars = new char[Math.max(length, 2 * chars.length)];
        }
        char[] source = chars;
        // one bulk copy, then tight loops over an array: faster than charAt per char
        value.getChars(0, length, source, 0);
        int special = 0;
        for (int i = 0; i < length; i++) {
            char c = source[i];
            // no branch per char: flags anything outside printable ASCII, and quote and backslash
            special |= (0x7E - c) | (c - 0x20) | ((c ^ '"') - 1) | ((c ^ '\\') - 1);
        }
        if (special >= 0) {
            byte[] out = buffer;
            int o = at;
            for (int i = 0; i < length; i++) {
                out[o + i] = (byte) source[i];
            }
            at = o + length;
            return true;
        }
        return utf8(source, length);
    }

    /** The slow path of {@link #string}: non-ASCII text, or text Jackson would escape. */
    private boolean utf8(char[] source, int length) {
        byte[] out = buffer;
        int o = at;
        for (int i = 0; i < length; i++) {
            char c = source[i];
            if (c < 0x80) {
                if (c < 0x20 || c == '"' || c == '\\') {
                    return false;
                }
                out[o++] = (byte) c;
            } else if (c < 0x800) {
                out[o++] = (byte) (0xC0 | (c >> 6));
                out[o++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                return false;
            } else {
                out[o++] = (byte) (0xE0 | (c >> 12));
                out[o++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[o++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        at = o;
        return true;
    }

    /** Writes {@link Timestamps#format(Instant)}'s text without building it. */
    private boolean timestamp(Instant instant) {
        long epochSecond = instant.getEpochSecond();
        long day = Math.floorDiv(epochSecond, 86_400L);
        int secondOfDay = (int) Math.floorMod(epochSecond, 86_400L);
        // days to civil date (Howard Hinnant's algorithm): no LocalDate on the hot path
        long z = day + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long monthIndex = (5 * dayOfYear + 2) / 153;
        int dayOfMonth = (int) (dayOfYear - (153 * monthIndex + 2) / 5 + 1);
        int month = (int) (monthIndex < 10 ? monthIndex + 3 : monthIndex - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 0 || year > 9999) {
            return string(Timestamps.format(instant));
        }
        pad((int) year, 4);
        buffer[at++] = '-';
        pad(month, 2);
        buffer[at++] = '-';
        pad(dayOfMonth, 2);
        buffer[at++] = 'T';
        pad(secondOfDay / 3600, 2);
        buffer[at++] = ':';
        pad(secondOfDay / 60 % 60, 2);
        buffer[at++] = ':';
        pad(secondOfDay % 60, 2);
        int nanos = instant.getNano();
        if (nanos != 0) {
            buffer[at++] = '.';
            if (nanos % 1000 == 0) {
                pad(nanos / 1000, 6);
            } else {
                pad(nanos, 9);
            }
        }
        buffer[at++] = 'Z';
        return true;
    }

    private void pad(int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            buffer[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        at += width;
    }

    private void digits(long value) {
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                put(ascii(Long.toString(value)));
                return;
            }
            buffer[at++] = '-';
            value = -value;
        }
        int width = 1;
        for (long rest = value / 10; rest != 0; rest /= 10) {
            width++;
        }
        for (int i = at + width - 1; i >= at; i--) {
            buffer[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        at += width;
    }

    private static byte[] field(String name) {
        return ascii("\",\"" + name + "\":\"");
    }

    private static byte[] number(String name) {
        return ascii(",\"" + name + "\":");
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
