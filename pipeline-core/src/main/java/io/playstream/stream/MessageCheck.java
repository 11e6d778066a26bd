package io.playstream.stream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.playstream.event.EventContract;
import io.playstream.event.EventFields;
import io.playstream.event.RejectReason;
import io.playstream.event.Timestamps;
import java.io.CharConversionException;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The sink's admission test, deliberately narrower than {@link io.playstream.event.EventCodec#decode}: a message goes
 * to bronze when it is one line of at most {@link #MAX_MESSAGE_BYTES} holding one JSON object with
 * a parseable top-level {@code timestamp} (its event time names the bronze hour), no byte order
 * mark, and every event field it has given once and with the contract's JSON type where that type
 * is string. These are the faults no later stage could judge the same way on every warehouse, since
 * bronze keeps fields as text. Missing fields, unknown event types and bad numbers are data for
 * silver to quarantine, not dead letters. One streaming pass, no tree, no strings except the
 * timestamp. Thread-safe. Public for the dead-letter replay ({@code io.playstream.replay}), which
 * judges stored dead letters again with the check the sink runs today.
 */
public final class MessageCheck {

    /** The verdict: an event time, or a reason to dead-letter. */
    public record Verdict(Instant eventTime, RejectReason reason, String detail) {

        static Verdict accept(Instant eventTime) {
            return new Verdict(eventTime, null, null);
        }

        static Verdict reject(RejectReason reason, String detail) {
            return new Verdict(null, reason, detail);
        }

        public boolean accepted() {
            return eventTime != null;
        }
    }

    private static final Verdict LINE_BREAK = Verdict.reject(RejectReason.LINE_BREAK,
            "a line break inside the message");

    /** The earliest and latest instants a bronze key can name. */
    static final Instant FIRST_FILEABLE = Instant.parse("0000-01-01T00:00:00Z");
    static final Instant LAST_FILEABLE = Instant.parse("9999-12-31T23:59:59.999999999Z");

    /** Longer messages are dead letters ({@link EventContract#MAX_MESSAGE_BYTES}). */
    static final int MAX_MESSAGE_BYTES = EventContract.MAX_MESSAGE_BYTES;

    /** Bit of each event field, to find one given twice; the string-typed ones are checked for type. */
    private static final Map<String, Integer> FIELD_BITS = new HashMap<>();
    private static final int STRING_FIELDS;

    static {
        int strings = 0;
        for (int i = 0; i < EventContract.FIELDS.size(); i++) {
            EventContract.Field field = EventContract.FIELDS.get(i);
            FIELD_BITS.put(field.name(), 1 << i);
            strings |= field.type() == EventContract.JsonType.STRING ? 1 << i : 0;
        }
        STRING_FIELDS = strings;
    }

    private final JsonFactory factory = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(EventContract.MAX_NESTING_DEPTH)
                    .maxStringLength(EventContract.MAX_STRING_LENGTH)
                    .build())
            .build();

    /** Judges one message's value (null for a tombstone). */
    public Verdict check(byte[] value) {
        if (value == null || value.length == 0) {
            return Verdict.reject(RejectReason.EMPTY, value == null ? "null value (tombstone)" : "zero bytes");
        }
        if (value.length > MAX_MESSAGE_BYTES) {
            return Verdict.reject(RejectReason.TOO_LARGE,
                    value.length + " bytes, more than the " + MAX_MESSAGE_BYTES + " a message may have");
        }
        if (value.length >= 3 && value[0] == (byte) 0xEF && value[1] == (byte) 0xBB && value[2] == (byte) 0xBF) {
            // Jackson skips it, DuckDB does not: the line would be an event on one warehouse only
            return Verdict.reject(RejectReason.NOT_JSON, "starts with a byte order mark");
        }
        // one cheap pass before parsing: a raw line break would split the bronze line, and a lone
        // surrogate escape is read differently by Jackson and DuckDB
        for (int i = 0; i < value.length; i++) {
            byte b = value[i];
            if (b == '\n' || b == '\r') {
                return LINE_BREAK;
            }
            if (b == '\\') {
                int escape = EventContract.escapeLength(value, i, value.length);
                if (escape < 0) {
                    // Jackson takes it, DuckDB's parser does not: the line would be an event on one warehouse only
                    return Verdict.reject(RejectReason.NOT_UTF8,
                            "a \\u escape names half a surrogate pair without the other half");
                }
                i += escape - 1;
            }
        }
        return parse(value);
    }

    private Verdict parse(byte[] value) {
        try (JsonParser parser = factory.createParser(value)) {
            return check(parser);
        } catch (StreamConstraintsException e) {
            return Verdict.reject(RejectReason.TOO_LARGE, e.getOriginalMessage());
        } catch (CharConversionException e) {
            return Verdict.reject(RejectReason.NOT_UTF8, e.getMessage());
        } catch (IOException e) {
            String message = firstLine(e.getMessage());
            // Jackson reports bad bytes inside strings as a parse error naming UTF-8
            return Verdict.reject(message.contains("UTF-8") ? RejectReason.NOT_UTF8 : RejectReason.NOT_JSON,
                    message);
        }
    }

    private static Verdict check(JsonParser parser) throws IOException {
        JsonToken first = parser.nextToken();
        if (first != JsonToken.START_OBJECT) {
            return Verdict.reject(RejectReason.NOT_AN_OBJECT, "JSON " + EventContract.jsonTypeName(first) + ", not an object");
        }
        String timestamp = null;
        boolean timestampSeen = false;
        int seen = 0;
        Verdict fieldFault = null;
        for (JsonToken t = parser.nextToken(); t == JsonToken.FIELD_NAME; t = parser.nextToken()) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            Integer bit = FIELD_BITS.get(name);
            if (bit != null && fieldFault == null) {
                fieldFault = fieldFault(name, bit, seen, value);
                seen |= bit;
            }
            if (!timestampSeen && EventFields.TIMESTAMP.equals(name)) {
                timestampSeen = true;
                timestamp = value == JsonToken.VALUE_STRING ? parser.getText() : null;
            }
            parser.skipChildren(); // still validates the skipped JSON
        }
        if (parser.nextToken() != null) {
            return Verdict.reject(RejectReason.NOT_JSON, "data after the JSON object");
        }
        if (fieldFault != null) {
            return fieldFault;
        }
        if (!timestampSeen) {
            return Verdict.reject(RejectReason.MISSING_TIMESTAMP, "no timestamp field");
        }
        if (timestamp == null) {
            return Verdict.reject(RejectReason.BAD_TIMESTAMP, "timestamp is not a string");
        }
        Optional<Instant> instant = Timestamps.parse(timestamp);
        if (instant.isEmpty()) {
            return Verdict.reject(RejectReason.BAD_TIMESTAMP,
                    "not an ISO-8601 instant with offset: " + abbreviate(timestamp));
        }
        if (instant.get().isBefore(FIRST_FILEABLE) || instant.get().isAfter(LAST_FILEABLE)) {
            // bronze keys carry a four-digit year: anything else would stop the partition
            return Verdict.reject(RejectReason.BAD_TIMESTAMP, "outside years 0000-9999: " + abbreviate(timestamp));
        }
        return Verdict.accept(instant.get());
    }

    /** Why one event field makes the message a dead letter, or null when it does not. */
    private static Verdict fieldFault(String name, int bit, int seen, JsonToken value) {
        if ((seen & bit) != 0) {
            return Verdict.reject(RejectReason.DUPLICATE_FIELD, name + " is given more than once");
        }
        boolean stringField = (bit & STRING_FIELDS) != 0;
        if (stringField && value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL
                && !EventFields.TIMESTAMP.equals(name)) { // a bad timestamp has its own reason
            return Verdict.reject(RejectReason.WRONG_TYPE, name + " is JSON " + value + ", not a string");
        }
        return null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unparseable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
