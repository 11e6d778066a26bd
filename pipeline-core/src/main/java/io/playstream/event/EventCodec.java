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
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Turns message bytes into {@link ListeningEvent}s and back. Decoding never throws on bad input:
 * it returns a {@link DecodeResult.Rejected} that says why, holding the original bytes. Unknown
 * fields are allowed (schema drift is data, not an error) and ignored here; bronze keeps them.
 * Values are judged by {@link EventRules}, as silver judges them, so an event the codec decodes is
 * one silver keeps; the codec is stricter in two ways: each field must have its JSON type
 * ({@link EventContract#FIELDS}), and the four descriptive fields must be present
 * ({@link RejectReason#MISSING_FIELD}).
 * Encoding writes compact JSON with the original pipeline's field names.
 *
 * <p>Instances are immutable and thread-safe; reuse one.
 */
public final class EventCodec {

    /** The hand-written encoder's buffers, one per thread: encoding allocates only its result. */
    private static final ThreadLocal<JsonEventWriter> WRITERS = ThreadLocal.withInitial(JsonEventWriter::new);

    /** Each event field's JSON type by wire name. */
    private static final java.util.Map<String, EventContract.JsonType> TYPES = EventContract.FIELDS.stream()
            .collect(java.util.stream.Collectors.toUnmodifiableMap(EventContract.Field::name, EventContract.Field::type));
    /** The required fields silver does not require, and a {@link ListeningEvent} does. */
    private static final List<String> DESCRIPTIVE = List.of(ARTIST_NAME, SONG_NAME, DEVICE_TYPE, COUNTRY);

    private final JsonFactory factory;

    public EventCodec() {
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(EventContract.MAX_NESTING_DEPTH)
                        .maxStringLength(EventContract.MAX_STRING_LENGTH)
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
            return reject(raw, RejectReason.NOT_AN_OBJECT, "JSON " + EventContract.jsonTypeName(first) + ", not an object");
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

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable JSON";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** The fields of one object as they are read, as JSON text; unknown fields are skipped. */
    private static final class FieldValues {
        private final java.util.Map<String, String> texts = new java.util.HashMap<>();
        private final java.util.Set<String> seen = new java.util.HashSet<>();

        /** Takes one field's value; a rejection when its JSON type is wrong. */
        Rejection accept(String name, JsonToken token, JsonParser parser) throws IOException {
            EventContract.JsonType type = TYPES.get(name);
            if (type == null) {
                parser.skipChildren();
                return null;
            }
            if (!seen.add(name)) {
                return new Rejection(RejectReason.DUPLICATE_FIELD, name + " is given more than once");
            }
            if (token == JsonToken.VALUE_NULL) {
                return null;
            }
            boolean fits = type == EventContract.JsonType.STRING ? token == JsonToken.VALUE_STRING
                    : token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT;
            if (!fits) {
                // the sink's verdict too: a timestamp that is not a string is a bad timestamp
                RejectReason reason = TIMESTAMP.equals(name) ? RejectReason.BAD_TIMESTAMP : RejectReason.WRONG_TYPE;
                return new Rejection(reason, name + " is " + EventContract.jsonTypeName(token) + ", not a "
                        + (type == EventContract.JsonType.STRING ? "string" : "whole number"));
            }
            texts.put(name, parser.getText());
            return null;
        }

        DecodeResult toResult(byte[] raw) {
            Optional<RejectReason> broken = EventRules.firstBroken(texts::get, null, null);
            if (broken.isPresent()) {
                return reject(raw, broken.get(), detail(broken.get()));
            }
            for (String name : DESCRIPTIVE) {
                if (!texts.containsKey(name)) {
                    return reject(raw, RejectReason.MISSING_FIELD, name + " is missing");
                }
            }
            String version = texts.get(SCHEMA_VERSION);
            return new DecodeResult.Decoded(new ListeningEvent(texts.get(EVENT_ID), texts.get(USER_ID),
                    texts.get(SONG_ID), texts.get(ARTIST_NAME), texts.get(SONG_NAME),
                    EventType.fromWireName(texts.get(EVENT_TYPE)).orElseThrow(), texts.get(DEVICE_TYPE),
                    texts.get(COUNTRY), Timestamps.parse(texts.get(TIMESTAMP)).orElseThrow(), texts.get(SESSION_ID),
                    whole(POSITION_MS), whole(DURATION_MS),
                    version == null ? ListeningEvent.DEFAULT_SCHEMA_VERSION : Integer.parseInt(version)), raw);
        }

        private Long whole(String name) {
            String text = texts.get(name);
            return text == null ? null : Long.parseLong(text);
        }

        private String detail(RejectReason reason) {
            switch (reason) {
                case UNKNOWN_EVENT_TYPE:
                    return "event_type '" + abbreviate(texts.get(EVENT_TYPE)) + "' is not play, pause, skip or add_to_playlist";
                case BAD_TIMESTAMP:
                    return "timestamp '" + abbreviate(texts.get(TIMESTAMP)) + "' is not an ISO-8601 instant with offset";
                case BAD_POSITION_MS:
                    return "position_ms " + abbreviate(texts.get(POSITION_MS)) + " is not a whole number, 0 or more";
                case BAD_DURATION_MS:
                    return "duration_ms " + abbreviate(texts.get(DURATION_MS)) + " is not a whole number, 0 or more";
                case BAD_SCHEMA_VERSION:
                    return "schema_version " + abbreviate(texts.get(SCHEMA_VERSION)) + " is not a whole number from 1 to "
                            + EventContract.MAX_SCHEMA_VERSION;
                default:
                    return reason.quarantineCode().replace("missing_", "") + " is missing or blank";
            }
        }

        private static String abbreviate(String value) {
            return value.length() <= 64 ? value : value.substring(0, 64) + "...";
        }
    }
}
