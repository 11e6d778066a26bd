package io.playstream.event;

import static io.playstream.event.EventFields.ARTIST_NAME;
import static io.playstream.event.EventFields.COUNTRY;
import static io.playstream.event.EventFields.DEVICE_TYPE;
import static io.playstream.event.EventFields.DURATION_MS;
import static io.playstream.event.EventFields.EVENT_ID;
import static io.playstream.event.EventFields.EVENT_TYPE;
import static io.playstream.event.EventFields.POSITION_MS;
import static io.playstream.event.EventFields.SCHEMA_VERSION;
import static io.playstream.event.EventFields.SESSION_ID;
import static io.playstream.event.EventFields.SONG_ID;
import static io.playstream.event.EventFields.SONG_NAME;
import static io.playstream.event.EventFields.TIMESTAMP;
import static io.playstream.event.EventFields.USER_ID;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Turns message bytes into {@link ListeningEvent}s and back. Decoding never throws on bad input:
 * it returns a {@link DecodeResult.Rejected} that says why, holding the original bytes. Unknown
 * fields are allowed (schema drift is data, not an error) and ignored here; bronze keeps them.
 * Encoding writes compact JSON with the original pipeline's field names.
 *
 * <p>Instances are immutable and thread-safe; reuse one.
 */
public final class EventCodec {

    /** Deeper nesting than this is refused: no real event nests at all. */
    public static final int MAX_NESTING_DEPTH = 64;
    /** Longer strings than this are refused: ids and names are short. */
    public static final int MAX_STRING_LENGTH = 1 << 20;

    /** The hand-written encoder's buffers, one per thread: encoding allocates only its result. */
    private static final ThreadLocal<JsonEventWriter> WRITERS = ThreadLocal.withInitial(JsonEventWriter::new);

    private final JsonFactory factory;

    public EventCodec() {
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(MAX_STRING_LENGTH)
                        .build())
                // encodeTo writes into the caller's stream: closing or flushing it is the caller's business
                .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
                .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
                .build();
    }

    /** Decodes one message. Never throws; never loses {@code raw}. */
    public DecodeResult decode(byte[] raw) {
        try (JsonParser parser = factory.createParser(raw)) {
            return decode(parser, raw);
        } catch (StreamConstraintsException e) {
            return reject(raw, RejectReason.TOO_LARGE, e.getOriginalMessage());
        } catch (CharConversionException e) {
            return reject(raw, RejectReason.NOT_UTF8, e.getMessage());
        } catch (IOException e) {
            // Jackson's parse errors are IOExceptions; they carry location, which helps find the fault
            return reject(raw, RejectReason.NOT_JSON, firstLine(e.getMessage()));
        }
    }

    private DecodeResult decode(JsonParser parser, byte[] raw) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            return reject(raw, RejectReason.NOT_JSON, "empty message");
        }
        if (first != JsonToken.START_OBJECT) {
            return reject(raw, RejectReason.NOT_AN_OBJECT, "JSON " + describe(first) + ", not an object");
        }
        FieldValues values = new FieldValues();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken valueToken = parser.nextToken();
            Rejection wrong = values.accept(name, valueToken, parser);
            if (wrong != null) {
                // read to the end anyway: malformed JSON later on is the more basic fault
                parser.skipChildren();
                skipToEnd(parser);
                return new DecodeResult.Rejected(wrong, raw);
            }
        }
        if (token != JsonToken.END_OBJECT) {
            return reject(raw, RejectReason.NOT_JSON, "object not closed");
        }
        if (parser.nextToken() != null) {
            return reject(raw, RejectReason.NOT_JSON, "data after the JSON object");
        }
        return values.toResult(raw);
    }

    private static void skipToEnd(JsonParser parser) throws IOException {
        while (parser.nextToken() != null) {
            parser.skipChildren();
        }
    }

    /** Encodes an event as compact UTF-8 JSON. */
    public byte[] encode(ListeningEvent event) {
        JsonEventWriter writer = WRITERS.get();
        int length = writer.write(event);
        if (length >= 0) {
            return Arrays.copyOf(writer.buffer(), length);
        }
        ByteArrayBuilder buffer = new ByteArrayBuilder(384);
        encodeWithJackson(event, buffer);
        return buffer.toByteArray();
    }

    /** Encodes an event into {@code out}, for callers that reuse buffers. */
    public void encodeTo(ListeningEvent event, OutputStream out) {
        JsonEventWriter writer = WRITERS.get();
        int length = writer.write(event);
        if (length < 0) {
            encodeWithJackson(event, out);
            return;
        }
        try {
            out.write(writer.buffer(), 0, length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write event " + event.eventId(), e);
        }
    }

    /**
     * Encodes with a Jackson generator: the reference the hand-written fast path must match, and
     * the path for strings that need escaping.
     */
    void encodeWithJackson(ListeningEvent event, OutputStream out) {
        try (JsonGenerator json = factory.createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField(EVENT_ID, event.eventId());
            json.writeStringField(USER_ID, event.userId());
            json.writeStringField(SONG_ID, event.songId());
            json.writeStringField(ARTIST_NAME, event.artistName());
            json.writeStringField(SONG_NAME, event.songName());
            json.writeStringField(EVENT_TYPE, event.eventType().wireName());
            json.writeStringField(DEVICE_TYPE, event.deviceType());
            json.writeStringField(COUNTRY, event.country());
            json.writeStringField(TIMESTAMP, Timestamps.format(event.timestamp()));
            if (event.sessionId() != null) {
                json.writeStringField(SESSION_ID, event.sessionId());
            }
            if (event.positionMs() != null) {
                json.writeNumberField(POSITION_MS, event.positionMs());
            }
            if (event.durationMs() != null) {
                json.writeNumberField(DURATION_MS, event.durationMs());
            }
            if (event.schemaVersion() != ListeningEvent.DEFAULT_SCHEMA_VERSION) {
                json.writeNumberField(SCHEMA_VERSION, event.schemaVersion());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write event " + event.eventId(), e);
        }
    }

    private static DecodeResult reject(byte[] raw, RejectReason reason, String detail) {
        return new DecodeResult.Rejected(new Rejection(reason, detail), raw);
    }

    private static String describe(JsonToken token) {
        switch (token) {
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

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable JSON";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** The fields of one object as they are read; unknown fields are skipped. */
    private static final class FieldValues {
        private String eventId;
        private String userId;
        private String songId;
        private String artistName;
        private String songName;
        private String eventType;
        private String deviceType;
        private String country;
        private String timestamp;
        private String sessionId;
        private Long positionMs;
        private Long durationMs;
        private Integer schemaVersion;

        /** Takes one field's value; a rejection when its type is wrong. */
        Rejection accept(String name, JsonToken token, JsonParser parser) throws IOException {
            switch (name) {
                case EVENT_ID: return text(name, token, parser, v -> eventId = v);
                case USER_ID: return text(name, token, parser, v -> userId = v);
                case SONG_ID: return text(name, token, parser, v -> songId = v);
                case ARTIST_NAME: return text(name, token, parser, v -> artistName = v);
                case SONG_NAME: return text(name, token, parser, v -> songName = v);
                case EVENT_TYPE: return text(name, token, parser, v -> eventType = v);
                case DEVICE_TYPE: return text(name, token, parser, v -> deviceType = v);
                case COUNTRY: return text(name, token, parser, v -> country = v);
                case TIMESTAMP: return text(name, token, parser, v -> timestamp = v);
                case SESSION_ID: return text(name, token, parser, v -> sessionId = v);
                case POSITION_MS: return whole(name, token, parser, v -> positionMs = v);
                case DURATION_MS: return whole(name, token, parser, v -> durationMs = v);
                case SCHEMA_VERSION:
                    return whole(name, token, parser, v -> schemaVersion = (int) Math.max(Integer.MIN_VALUE,
                            Math.min(Integer.MAX_VALUE, v)));
                default:
                    parser.skipChildren();
                    return null;
            }
        }

        DecodeResult toResult(byte[] raw) {
            String missing = firstMissing();
            if (missing != null) {
                return reject(raw, RejectReason.MISSING_FIELD, missing + " is missing");
            }
            Optional<EventType> type = EventType.fromWireName(eventType);
            if (type.isEmpty()) {
                return reject(raw, RejectReason.UNKNOWN_EVENT_TYPE,
                        "event_type '" + abbreviate(eventType) + "' is not play, pause, skip or add_to_playlist");
            }
            Optional<Instant> at = Timestamps.parse(timestamp);
            if (at.isEmpty()) {
                return reject(raw, RejectReason.BAD_TIMESTAMP,
                        "timestamp '" + abbreviate(timestamp) + "' is not an ISO-8601 instant with offset");
            }
            try {
                return new DecodeResult.Decoded(new ListeningEvent(eventId, userId, songId, artistName, songName,
                        type.get(), deviceType, country, at.get(), sessionId, positionMs, durationMs,
                        schemaVersion == null ? ListeningEvent.DEFAULT_SCHEMA_VERSION : schemaVersion), raw);
            } catch (IllegalArgumentException e) {
                return reject(raw, RejectReason.INVALID_VALUE, e.getMessage());
            }
        }

        private String firstMissing() {
            String[] values = {eventId, userId, songId, artistName, songName, eventType, deviceType, country,
                timestamp};
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    return EventFields.REQUIRED.get(i);
                }
            }
            return null;
        }

        private static Rejection text(String name, JsonToken token, JsonParser parser,
                java.util.function.Consumer<String> setter) throws IOException {
            if (token == JsonToken.VALUE_NULL) {
                setter.accept(null);
                return null;
            }
            if (token != JsonToken.VALUE_STRING) {
                return new Rejection(RejectReason.WRONG_TYPE, name + " is " + describe(token) + ", not a string");
            }
            setter.accept(parser.getText());
            return null;
        }

        private static Rejection whole(String name, JsonToken token, JsonParser parser,
                java.util.function.LongConsumer setter) throws IOException {
            if (token == JsonToken.VALUE_NULL) {
                return null;
            }
            if (token != JsonToken.VALUE_NUMBER_INT) {
                return new Rejection(RejectReason.WRONG_TYPE, name + " is " + describe(token) + ", not a whole number");
            }
            if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                return new Rejection(RejectReason.INVALID_VALUE, name + " is out of range");
            }
            setter.accept(parser.getLongValue());
            return null;
        }

        private static String abbreviate(String value) {
            return value.length() <= 64 ? value : value.substring(0, 64) + "...";
        }
    }
}
