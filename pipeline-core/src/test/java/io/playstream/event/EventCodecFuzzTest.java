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
}
