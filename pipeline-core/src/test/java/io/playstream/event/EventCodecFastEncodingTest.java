package io.playstream.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hand-written encoder must write exactly what a Jackson generator writes. */
class EventCodecFastEncodingTest {

    private static final String[] TEXTS = {
        "Kanye West", "Björk", "Sigur Rós", "東京事変", "Crosby, Stills, Nash & Young", "", "AC/DC",
        "say \"hi\"", "back\\slash", "tab\there", "line\nbreak", "\u0001\u001f", "del\u007f", "😀 emoji",
        "lone \ud83d surrogate", "€100", "ÿ", "Ω", "a\u2028b"};

    private final EventCodec codec = new EventCodec();

    @Test
    void writesTheSameBytesAsJacksonForAnyText() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 20_000; i++) {
            ListeningEvent event = new ListeningEvent("e" + text(random), text(random) + "u", "s" + text(random),
                    text(random), text(random), EventType.values()[random.nextInt(4)], text(random), text(random),
                    instant(random), random.nextBoolean() ? null : text(random),
                    random.nextBoolean() ? null : random.nextLong(0, Long.MAX_VALUE),
                    random.nextBoolean() ? null : (long) random.nextInt(1_000_000),
                    random.nextInt(4) == 0 ? 1 + random.nextInt(Integer.MAX_VALUE - 1) : 1);
            assertThat(new String(codec.encode(event), StandardCharsets.UTF_8)).isEqualTo(jackson(event));
        }
    }

    @Test
    void writesTimestampsAsTheOriginalPipelineDid() {
        ListeningEvent event = ListeningEvent.of("e", "u", "s", "a", "t", EventType.PLAY, "web", "UK",
                Instant.parse("2025-12-10T15:26:25.799926Z"));

        assertThat(new String(codec.encode(event), StandardCharsets.UTF_8))
                .contains("\"timestamp\":\"2025-12-10T15:26:25.799926Z\"")
                .isEqualTo(jackson(event));
    }

    @Test
    void encodeToAppendsToTheStream() {
        ListeningEvent event = ListeningEvent.of("e", "u", "s", "a", "t", EventType.SKIP, "web", "GB",
                Instant.parse("2025-12-10T15:26:25Z"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        codec.encodeTo(event, out);
        codec.encodeTo(event, out);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(jackson(event) + jackson(event));
    }

    @Test
    void encodeToLeavesTheStreamOpenWhenJacksonWritesTheEvent() {
        ListeningEvent escaped = ListeningEvent.of("e", "u", "s", "say \"hi\"", "t", EventType.PLAY, "web", "GB",
                Instant.parse("2025-12-10T15:26:25Z"));
        ClosingAware out = new ClosingAware();

        codec.encodeTo(escaped, out);
        codec.encodeTo(escaped, out);

        assertThat(out.closed).isFalse();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(jackson(escaped) + jackson(escaped))
                .contains("say \\\"hi\\\"");
    }

    private static final class ClosingAware extends ByteArrayOutputStream {
        boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }

    private String jackson(ListeningEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        codec.encodeWithJackson(event, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String text(SplittableRandom random) {
        if (random.nextInt(3) == 0) {
            return TEXTS[random.nextInt(TEXTS.length)] + TEXTS[random.nextInt(TEXTS.length)];
        }
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(40); i > 0; i--) {
            text.append((char) (random.nextInt(10) == 0 ? random.nextInt(0x10000) : 0x20 + random.nextInt(0x5f)));
        }
        return text.toString();
    }

    private static Instant instant(SplittableRandom random) {
        return switch (random.nextInt(5)) {
            case 0 -> Instant.ofEpochSecond(random.nextLong(-62_167_219_200L, 253_402_300_799L));
            case 1 -> Instant.ofEpochSecond(random.nextLong(-100_000_000_000L, 300_000_000_000L),
                    random.nextInt(1_000_000_000));
            case 2 -> Instant.ofEpochSecond(random.nextLong(0, 2_000_000_000L), random.nextInt(1_000_000) * 1_000);
            case 3 -> Instant.ofEpochSecond(random.nextLong(-5_000_000_000L, 0), random.nextInt(1_000) * 1_000_000);
            default -> Instant.ofEpochSecond(1_765_380_385L + random.nextInt(1_000_000), random.nextInt(1_000_000) * 1_000);
        };
    }
}
