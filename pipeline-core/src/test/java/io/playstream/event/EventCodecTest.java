package io.playstream.event;

import static io.playstream.testing.EventBuilder.anEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playstream.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventCodecTest {

    private final EventCodec codec = new EventCodec();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyFixtureEventDecodesAndReencodesToEqualJson() throws IOException {
        List<byte[]> lines = Fixtures.seedEventLines();
        assertThat(lines).hasSize(710);
        for (byte[] line : lines) {
            DecodeResult result = codec.decode(line);
            assertThat(result).as(new String(line, StandardCharsets.UTF_8)).isInstanceOf(DecodeResult.Decoded.class);
            ListeningEvent event = ((DecodeResult.Decoded) result).event();
            assertThat(json.readTree(codec.encode(event))).isEqualTo(json.readTree(line));
            assertThat(result.raw()).isSameAs(line);
        }
    }

    @Test
    void fixtureEventsKeepTheOriginalsValuesAsSent() {
        byte[] line = Fixtures.seedEventLines().get(1);
        ListeningEvent event = ((DecodeResult.Decoded) codec.decode(line)).event();
        assertThat(event.eventId()).isEqualTo("ecb28194-dd00-4168-8f6e-e05b598044f7");
        assertThat(event.country()).isEqualTo("UK");
        assertThat(event.eventType()).isEqualTo(EventType.PLAY);
        assertThat(event.timestamp()).isEqualTo(Instant.parse("2025-12-10T15:26:26.808469Z"));
        assertThat(event.sessionId()).isNull();
        assertThat(event.schemaVersion()).isEqualTo(1);
    }

    @Test
    void optionalFieldsRoundTrip() {
        ListeningEvent event = anEvent().session("s-1", 12_345L, 215_000L).schemaVersion(2).build();
        DecodeResult result = codec.decode(codec.encode(event));
        assertThat(result).isEqualTo(new DecodeResult.Decoded(event, ((DecodeResult.Decoded) result).raw()));
        assertThat(((DecodeResult.Decoded) result).event()).isEqualTo(event);
    }

    @Test
    void unknownFieldsAreAcceptedAsSchemaDrift() {
        String line = validJson().replace("}", ", \"mood\": {\"happy\": [1, 2]}, \"_raw\": \"x\"}");
        assertThat(codec.decode(bytes(line))).isInstanceOf(DecodeResult.Decoded.class);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "''                                      | NOT_JSON",
        "'{\"event_id\": '                       | NOT_JSON",
        "'not json at all'                       | NOT_JSON",
        "'[1, 2, 3]'                             | NOT_AN_OBJECT",
        "'\"just a string\"'                     | NOT_AN_OBJECT",
        "'42'                                    | NOT_AN_OBJECT",
        "'null'                                  | NOT_AN_OBJECT",
        "'{}'                                    | MISSING_EVENT_ID",
        "'{} {}'                                 | NOT_JSON",
    })
    void malformedMessagesAreRejectedWithTheirReason(String message, RejectReason reason) {
        assertRejected(message, reason);
    }

    @Test
    void eachMissingRequiredFieldIsNamed() throws IOException {
        for (String field : EventFields.REQUIRED) {
            ObjectNode object = (ObjectNode) json.readTree(validJson());
            object.remove(field);
            String line = object.toString();
            DecodeResult result = codec.decode(bytes(line));
            assertThat(result).as(line).isInstanceOf(DecodeResult.Rejected.class);
            Rejection rejection = ((DecodeResult.Rejected) result).rejection();
            assertThat(rejection.reason()).as(field).isEqualTo(switch (field) {
                case EventFields.EVENT_ID -> RejectReason.MISSING_EVENT_ID;
                case EventFields.USER_ID -> RejectReason.MISSING_USER_ID;
                case EventFields.SONG_ID -> RejectReason.MISSING_SONG_ID;
                case EventFields.EVENT_TYPE -> RejectReason.MISSING_EVENT_TYPE;
                case EventFields.TIMESTAMP -> RejectReason.MISSING_TIMESTAMP;
                default -> RejectReason.MISSING_FIELD; // the codec's own: silver keeps such rows
            });
            assertThat(rejection.detail()).contains(field);
        }
    }

    @Test
    void nullRequiredFieldIsMissing() {
        assertRejected(validJson().replace("\"play\"", "null"), RejectReason.MISSING_EVENT_TYPE);
        assertRejected(validJson().replace("\"AU\"", "null"), RejectReason.MISSING_FIELD);
    }

    @Test
    void wrongTypesAreRejected() {
        assertRejected(validJson().replace("\"AU\"", "61"), RejectReason.WRONG_TYPE);
        assertRejected(validJson().replace("\"AU\"", "{\"code\": \"AU\"}"), RejectReason.WRONG_TYPE);
        assertRejected(validJson().replace("}", ", \"position_ms\": \"12\"}"), RejectReason.WRONG_TYPE);
        assertRejected(validJson().replace("2025-12-10T15:26:25.799926Z\"", "1765380385").replace("\"1765", "1765"),
                RejectReason.BAD_TIMESTAMP);
    }

    @Test
    void aFieldGivenTwiceIsRejected() {
        assertRejected(validJson().replace("}", ", \"event_id\": \"e-2\"}"), RejectReason.DUPLICATE_FIELD);
    }

    @Test
    void valuesOutsideTheirDomainAreRejected() {
        assertRejected(validJson().replace("}", ", \"position_ms\": -1}"), RejectReason.BAD_POSITION_MS);
        assertRejected(validJson().replace("}", ", \"duration_ms\": 1.5}"), RejectReason.BAD_DURATION_MS);
        assertRejected(validJson().replace("}", ", \"schema_version\": 0}"), RejectReason.BAD_SCHEMA_VERSION);
        assertRejected(validJson().replace("}", ", \"schema_version\": 32768}"), RejectReason.BAD_SCHEMA_VERSION);
        assertRejected(validJson().replace("\"e-1\"", "\"  \""), RejectReason.MISSING_EVENT_ID);
        assertRejected(validJson().replace("}", ", \"position_ms\": 123456789012345678901234567890}"),
                RejectReason.BAD_POSITION_MS);
    }

    @Test
    void unknownEventTypeIsRejected() {
        assertRejected(validJson().replace("\"play\"", "\"PLAY\""), RejectReason.UNKNOWN_EVENT_TYPE);
        assertRejected(validJson().replace("\"play\"", "\"rewind\""), RejectReason.UNKNOWN_EVENT_TYPE);
    }

    @Test
    void badTimestampsAreRejected() {
        for (String bad : List.of("yesterday", "2025-12-10", "2025-12-10T15:26:25", "2025-13-10T15:26:25Z",
                "2025-02-30T15:26:25Z", "2025-12-10T25:00:00Z", "0000-12-10T15:26:25Z")) {
            assertRejected(validJson().replace("2025-12-10T15:26:25.799926Z", bad), RejectReason.BAD_TIMESTAMP);
        }
    }

    @Test
    void invalidUtf8IsRejectedNotThrown() {
        byte[] line = bytes(validJson());
        byte[] broken = new byte[line.length + 2];
        System.arraycopy(line, 0, broken, 0, 20);
        broken[20] = (byte) 0xC3;
        broken[21] = (byte) 0x28;
        System.arraycopy(line, 20, broken, 22, line.length - 20);
        DecodeResult result = codec.decode(broken);
        assertThat(result).isInstanceOf(DecodeResult.Rejected.class);
        assertThat(((DecodeResult.Rejected) result).rejection().reason())
                .isIn(RejectReason.NOT_UTF8, RejectReason.NOT_JSON);
        assertThat(result.raw()).isSameAs(broken);
    }

    @Test
    void deepNestingIsRefusedAsTooLarge() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        assertRejected(validJson().replace("}", ", \"extra\": " + deep + "}"), RejectReason.TOO_LARGE);
    }

    @Test
    void controlCharactersAndSqlLookingTextAreData() {
        String line = validJson().replace("Stronger", "Robert'); DROP TABLE bronze.spotify_events;--\\u0000\\n");
        DecodeResult result = codec.decode(bytes(line));
        assertThat(result).isInstanceOf(DecodeResult.Decoded.class);
        assertThat(((DecodeResult.Decoded) result).event().songName())
                .isEqualTo("Robert'); DROP TABLE bronze.spotify_events;--\u0000\n");
    }

    private void assertRejected(String message, RejectReason reason) {
        DecodeResult result = codec.decode(bytes(message));
        assertThat(result).as(message).isInstanceOf(DecodeResult.Rejected.class);
        assertThat(((DecodeResult.Rejected) result).rejection().reason()).as(message).isEqualTo(reason);
        assertThat(result.raw()).isEqualTo(bytes(message));
    }

    private static String validJson() {
        return "{\"event_id\": \"e-1\", \"user_id\": \"u-1\", \"song_id\": \"s-1\", \"artist_name\": \"Kanye West\", "
                + "\"song_name\": \"Stronger\", \"event_type\": \"play\", \"device_type\": \"mobile\", "
                + "\"country\": \"AU\", \"timestamp\": \"2025-12-10T15:26:25.799926Z\"}";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
