package io.playstream.event;

import com.fasterxml.jackson.core.JsonToken;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a valid event is, in one place (CONTRACTS.md §1): its fields with their JSON types, the
 * limits, the timestamp's form, what "blank" means, and how a JSON value's type is named in a
 * reason. The reasons themselves are {@link RejectReason}; silver's rules over the fields are
 * {@link EventRules}. The codec, the sink's check and the loaders read these; the dbt project's
 * copies (the timestamp pattern, the reason codes) are tested against them.
 */
public final class EventContract {

    /** The JSON type a field must have. */
    public enum JsonType { STRING, WHOLE_NUMBER }

    /**
     * One field of the event.
     *
     * @param name     its wire name
     * @param type     its JSON type
     * @param required whether an event must carry it
     */
    public record Field(String name, JsonType type, boolean required) {
    }

    /** Every event field, in the original pipeline's order: the nine required, then the optional. */
    public static final List<Field> FIELDS = List.of(
            new Field(EventFields.EVENT_ID, JsonType.STRING, true),
            new Field(EventFields.USER_ID, JsonType.STRING, true),
            new Field(EventFields.SONG_ID, JsonType.STRING, true),
            new Field(EventFields.ARTIST_NAME, JsonType.STRING, true),
            new Field(EventFields.SONG_NAME, JsonType.STRING, true),
            new Field(EventFields.EVENT_TYPE, JsonType.STRING, true),
            new Field(EventFields.DEVICE_TYPE, JsonType.STRING, true),
            new Field(EventFields.COUNTRY, JsonType.STRING, true),
            new Field(EventFields.TIMESTAMP, JsonType.STRING, true),
            new Field(EventFields.SESSION_ID, JsonType.STRING, false),
            new Field(EventFields.POSITION_MS, JsonType.WHOLE_NUMBER, false),
            new Field(EventFields.DURATION_MS, JsonType.WHOLE_NUMBER, false),
            new Field(EventFields.SCHEMA_VERSION, JsonType.WHOLE_NUMBER, false));

    /**
     * Longer messages are refused. An event is a few hundred bytes; 1 MiB is Kafka's default
     * message limit, and stays below the 2 MB line limit of DuckDB's reader, past which one bronze
     * line would fail every load of its object.
     */
    public static final int MAX_MESSAGE_BYTES = 1 << 20;
    /** Deeper nesting than this is refused: no real event nests at all. */
    public static final int MAX_NESTING_DEPTH = 64;
    /** Longer strings than this are refused: ids and names are short. */
    public static final int MAX_STRING_LENGTH = 1 << 20;
    /** The largest {@code schema_version}: silver stores it as a small integer. */
    public static final int MAX_SCHEMA_VERSION = 32767;
    /** The most digits a whole number may have (with an optional sign), so it always fits 64 bits. */
    public static final int MAX_WHOLE_NUMBER_DIGITS = 18;

    /**
     * The timestamp's form: a four-digit year from 0001 (PostgreSQL cannot hold year 0), {@code T}
     * or a space, seconds and 0-9 fraction digits optional, an offset that is {@code Z} or
     * {@code +HH}, {@code +HHMM}, {@code +HH:MM} up to 14 hours (the largest in use), letters in
     * either case. {@code dbt/macros/to_utc_timestamp.sql} holds the same text (tested), so every
     * warehouse accepts what Java accepts; the day is then checked against its month.
     */
    public static final String TIMESTAMP_PATTERN = "^([1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])"
            + "-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[Tt ]([01][0-9]|2[0-3]):[0-5][0-9]"
            + "(:[0-5][0-9]([.][0-9]{1,9})?)?([Zz]|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)$";
    static final Pattern TIMESTAMP = Pattern.compile(TIMESTAMP_PATTERN);

    /** A whole number as silver casts it ({@code dbt/macros/safe_cast_bigint.sql}). */
    static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?[0-9]{1," + MAX_WHOLE_NUMBER_DIGITS + "}");

    private EventContract() {
    }

    /**
     * True when an id or a type says nothing: empty or spaces only. Spaces, not any whitespace:
     * that is what SQL's {@code trim} removes on every warehouse, so a tab is text everywhere alike.
     */
    public static boolean isBlank(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) != ' ') {
                return false;
            }
        }
        return true;
    }

    /**
     * The length of the JSON escape starting at {@code at} (a backslash) in the first {@code length}
     * bytes, or -1 for a {@code \\uD800}-{@code \\uDFFF} escape not paired high-then-low: no UTF-8
     * text can hold it, Jackson reads it anyway and DuckDB refuses the line, so the contract refuses
     * it everywhere. Other malformed escapes are left to the JSON parser.
     */
    public static int escapeLength(byte[] value, int at, int length) {
        int unit = unicodeEscape(value, at, length);
        if (unit < 0) {
            return 2;
        }
        if (unit >= 0xDC00 && unit <= 0xDFFF) {
            return -1;
        }
        if (unit >= 0xD800 && unit <= 0xDBFF) {
            int low = unicodeEscape(value, at + 6, length);
            return low >= 0xDC00 && low <= 0xDFFF ? 12 : -1;
        }
        return 6;
    }

    /** The code unit of a {@code \\uXXXX} escape at {@code at}, or -1 when there is none. */
    private static int unicodeEscape(byte[] value, int at, int length) {
        if (at + 5 >= length || value[at] != '\\' || value[at + 1] != 'u') {
            return -1;
        }
        int unit = 0;
        for (int i = at + 2; i < at + 6; i++) {
            int digit = Character.digit(value[i], 16);
            if (digit < 0) {
                return -1;
            }
            unit = unit * 16 + digit;
        }
        return unit;
    }

    /**
     * The JSON type of the value starting with {@code token}, as reasons name it: {@code object},
     * {@code array}, {@code string}, {@code number}, {@code boolean} or {@code null} (the names
     * DuckDB's {@code json_type} gives, mapped the same way by the loader's SQL).
     */
    public static String jsonTypeName(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        switch (token) {
            case START_OBJECT:
                return "object";
            case START_ARRAY:
                return "array";
            case VALUE_STRING:
                return "string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "boolean";
            case VALUE_NULL:
                return "null";
            default:
                return token.name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
