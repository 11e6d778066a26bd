package io.playstream.stream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.playstream.event.EventCodec;
import io.playstream.event.EventFields;
import io.playstream.event.Timestamps;
import java.io.CharConversionException;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * The sink's admission test, deliberately narrower than {@link EventCodec#decode}: a message goes
 * to bronze when it is one line holding one JSON object with a parseable top-level
 * {@code timestamp} (its event time names the bronze hour). Missing fields or unknown event types
 * are data for silver to quarantine, not dead letters. One streaming pass, no tree, no strings
 * except the timestamp. Thread-safe.
 */
final class MessageCheck {

    /** The verdict: an event time, or a reason to dead-letter. */
    record Verdict(Instant eventTime, DeadLetterReason reason, String detail) {

        static Verdict accept(Instant eventTime) {
            return new Verdict(eventTime, null, null);
        }

        static Verdict reject(DeadLetterReason reason, String detail) {
            return new Verdict(null, reason, detail);
        }

        boolean accepted() {
            return eventTime != null;
        }
    }

    private static final Verdict LINE_BREAK = Verdict.reject(DeadLetterReason.LINE_BREAK,
            "a line break inside the message");

    /** The earliest and latest instants a bronze key can name. */
    static final Instant FIRST_FILEABLE = Instant.parse("0000-01-01T00:00:00Z");
    static final Instant LAST_FILEABLE = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private final JsonFactory factory = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(EventCodec.MAX_NESTING_DEPTH)
                    .maxStringLength(EventCodec.MAX_STRING_LENGTH)
                    .build())
            .build();

    Verdict check(byte[] value) {
        if (value == null || value.length == 0) {
            return Verdict.reject(DeadLetterReason.EMPTY, value == null ? "null value (tombstone)" : "zero bytes");
        }
        Verdict verdict = parse(value);
        // a line break takes precedence over any other reason, as it did when checked first: only a
        // rejected message pays for the scan (an accepted one counted its lines while parsing)
        if (!verdict.accepted() && verdict.reason() != DeadLetterReason.LINE_BREAK && hasLineBreak(value)) {
            return LINE_BREAK;
        }
        return verdict;
    }

    private Verdict parse(byte[] value) {
        try (JsonParser parser = factory.createParser(value)) {
            return check(parser);
        } catch (StreamConstraintsException e) {
            return Verdict.reject(DeadLetterReason.TOO_LARGE, e.getOriginalMessage());
        } catch (CharConversionException e) {
            return Verdict.reject(DeadLetterReason.NOT_UTF8, e.getMessage());
        } catch (IOException e) {
            String message = firstLine(e.getMessage());
            // Jackson reports bad bytes inside strings as a parse error naming UTF-8
            return Verdict.reject(message.contains("UTF-8") ? DeadLetterReason.NOT_UTF8 : DeadLetterReason.NOT_JSON,
                    message);
        }
    }

    private static boolean hasLineBreak(byte[] value) {
        for (byte b : value) {
            if (b == '\n' || b == '\r') {
                return true;
            }
        }
        return false;
    }

    private static Verdict check(JsonParser parser) throws IOException {
        JsonToken first = parser.nextToken();
        if (first != JsonToken.START_OBJECT) {
            return Verdict.reject(DeadLetterReason.NOT_AN_OBJECT, "JSON " + first + ", not an object");
        }
        String timestamp = null;
        boolean timestampSeen = false;
        for (JsonToken t = parser.nextToken(); t == JsonToken.FIELD_NAME; t = parser.nextToken()) {
            JsonToken value = parser.nextToken();
            if (!timestampSeen && EventFields.TIMESTAMP.equals(parser.currentName())) {
                timestampSeen = true;
                timestamp = value == JsonToken.VALUE_STRING ? parser.getText() : null;
            }
            parser.skipChildren(); // still validates the skipped JSON
        }
        if (parser.nextToken() != null) {
            return Verdict.reject(DeadLetterReason.NOT_JSON, "data after the JSON object");
        }
        if (parser.currentLocation().getLineNr() != 1) {
            // whitespace between tokens held a line break (JSON strings cannot hold a raw one; the
            // parser counts \r, \n and \r\n as it goes, which spares a second pass over the bytes)
            return LINE_BREAK;
        }
        if (!timestampSeen) {
            return Verdict.reject(DeadLetterReason.MISSING_TIMESTAMP, "no timestamp field");
        }
        if (timestamp == null) {
            return Verdict.reject(DeadLetterReason.BAD_TIMESTAMP, "timestamp is not a string");
        }
        Optional<Instant> instant = Timestamps.parse(timestamp);
        if (instant.isEmpty()) {
            return Verdict.reject(DeadLetterReason.BAD_TIMESTAMP,
                    "not an ISO-8601 instant with offset: " + abbreviate(timestamp));
        }
        if (instant.get().isBefore(FIRST_FILEABLE) || instant.get().isAfter(LAST_FILEABLE)) {
            // bronze keys carry a four-digit year: anything else would stop the partition
            return Verdict.reject(DeadLetterReason.BAD_TIMESTAMP, "outside years 0000-9999: " + abbreviate(timestamp));
        }
        return Verdict.accept(instant.get());
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
