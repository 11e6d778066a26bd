package io.playstream.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.testing.Fixtures;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * Random, truncated and mutated bytes: the codec must answer every one with a result that keeps
 * the bytes, and never throw.
 */
class EventCodecFuzzTest {

    private static final int CASES = 5_000;

    private final EventCodec codec = new EventCodec();
    private final List<byte[]> seeds = Fixtures.seedEventLines();

    @Test
    void everyTruncationOfARealEventIsAnsweredWithoutThrowing() {
        byte[] line = seeds.get(0);
        for (int length = 0; length < line.length; length++) {
            byte[] prefix = Arrays.copyOf(line, length);
            DecodeResult result = codec.decode(prefix);
            assertThat(result).isInstanceOf(DecodeResult.Rejected.class);
            assertThat(result.raw()).isSameAs(prefix);
        }
        assertThat(codec.decode(line)).isInstanceOf(DecodeResult.Decoded.class);
    }

    @RepeatedTest(3)
    void mutatedRealEventsNeverThrow() {
        SplittableRandom random = new SplittableRandom();
        for (int i = 0; i < CASES; i++) {
            byte[] message = seeds.get(random.nextInt(seeds.size())).clone();
            int mutations = 1 + random.nextInt(4);
            for (int m = 0; m < mutations; m++) {
                message[random.nextInt(message.length)] = (byte) random.nextInt(256);
            }
            DecodeResult result = codec.decode(message);
            assertThat(result.raw()).isSameAs(message);
        }
    }

    @Test
    void randomBytesNeverThrow() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < CASES; i++) {
            byte[] message = new byte[random.nextInt(512)];
            for (int b = 0; b < message.length; b++) {
                message[b] = (byte) random.nextInt(256);
            }
            DecodeResult result = codec.decode(message);
            assertThat(result).isInstanceOf(DecodeResult.Rejected.class);
            assertThat(result.raw()).isSameAs(message);
        }
    }

    @Test
    void randomJsonishTextNeverThrows() {
        SplittableRandom random = new SplittableRandom(7);
        String alphabet = "{}[]\":,0123456789.eE-+ truefalsnul\\u\"event_idtimestamp";
        for (int i = 0; i < CASES; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(200);
            for (int c = 0; c < length; c++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            byte[] message = text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(codec.decode(message).raw()).isSameAs(message);
        }
    }

    @Test
    void structurallyMutatedEventsNeverThrowAndWhatIsAcceptedRoundTrips() {
        SplittableRandom random = new SplittableRandom(20251210);
        int accepted = 0;
        for (int i = 0; i < CASES * 2; i++) {
            byte[] message = FieldMutator.mutate(new String(seeds.get(random.nextInt(seeds.size())),
                    java.nio.charset.StandardCharsets.UTF_8), random);
            DecodeResult result = codec.decode(message);
            assertThat(result.raw()).isSameAs(message);
            if (result instanceof DecodeResult.Decoded decoded) {
                accepted++;
                byte[] encoded = codec.encode(decoded.event());
                assertThat(codec.decode(encoded)).as(new String(message, java.nio.charset.StandardCharsets.UTF_8))
                        .isInstanceOfSatisfying(DecodeResult.Decoded.class,
                                again -> assertThat(again.event()).isEqualTo(decoded.event()));
            }
        }
        // the mutations must leave enough events valid for the round trip to be tested at all
        assertThat(accepted).isGreaterThan(CASES / 10);
    }

    @Test
    void randomlyMutatedBytesThatStillDecodeRoundTrip() {
        SplittableRandom random = new SplittableRandom();
        for (int i = 0; i < CASES; i++) {
            byte[] message = seeds.get(random.nextInt(seeds.size())).clone();
            message[random.nextInt(message.length)] = (byte) (0x20 + random.nextInt(0x5f));
            if (codec.decode(message) instanceof DecodeResult.Decoded decoded) {
                DecodeResult again = codec.decode(codec.encode(decoded.event()));
                assertThat(again).isInstanceOfSatisfying(DecodeResult.Decoded.class,
                        d -> assertThat(d.event()).isEqualTo(decoded.event()));
            }
        }
    }

    /**
     * Mutations that keep the JSON shape but change what is in it: a field's value replaced by
     * another JSON value (wrong type, null, nested, odd text), a field dropped or given twice.
     */
    private static final class FieldMutator {

        private static final String[] VALUES = {"null", "true", "0", "-1", "1.5", "1e400", "9223372036854775808",
            "\"\"", "\"   \"", "\"play\"", "\"skip\"", "\"PLAY\"", "\"\\u0000\"", "\"\\ud83c\\udfa7\"",
            "\"'; drop table x; --\"", "\"2025-12-10T15:26:25Z\"", "\"0001-01-01T00:00:00+14:00\"",
            "\"2025-02-30T00:00:00Z\"", "\"2025-12-10T15:26:25\"", "[]", "{}", "[[[1]]]", "{\"a\":{\"b\":null}}",
            "\"\u00e9\u202e\u200d\""};
        private static final String[] NAMES = {"event_id", "user_id", "song_id", "artist_name", "song_name",
            "event_type", "device_type", "country", "timestamp", "session_id", "position_ms", "duration_ms",
            "schema_version", "_raw", "extra"};

        static byte[] mutate(String event, SplittableRandom random) {
            String text = event;
            int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                String name = NAMES[random.nextInt(NAMES.length)];
                String value = VALUES[random.nextInt(VALUES.length)];
                String field = "\"" + name + "\":";
                int at = text.indexOf(field);
                switch (random.nextInt(4)) {
                    case 0 -> text = at < 0 ? text : replaceValue(text, at + field.length(), value);
                    case 1 -> text = at < 0 ? text : dropField(text, at);
                    case 2 -> text = text.substring(0, text.length() - 1) + "," + field + value + "}";
                    default -> text = text.substring(0, text.length() - 1) + ",\"extra" + m + "\":" + value + "}";
                }
            }
            return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }

        /** Replaces the string value starting at {@code from} (the fixtures' fields are all strings). */
        private static String replaceValue(String text, int from, String value) {
            if (text.charAt(from) != '"') {
                return text;
            }
            int end = text.indexOf('"', from + 1);
            return text.substring(0, from) + value + text.substring(end + 1);
        }

        private static String dropField(String text, int at) {
            int end = text.indexOf("\",\"", at);
            if (end < 0) {
                return text;
            }
            return text.substring(0, at) + text.substring(end + 2);
        }
    }
}
