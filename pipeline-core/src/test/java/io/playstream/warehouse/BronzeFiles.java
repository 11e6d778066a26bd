package io.playstream.warehouse;

import io.playstream.event.EventCodec;
import io.playstream.event.EventType;
import io.playstream.event.ListeningEvent;
import io.playstream.objectstore.ObjectStore;
import io.playstream.partition.BronzeKey;
import io.playstream.partition.Compression;
import io.playstream.partition.TopicNames;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/** Writes bronze objects for tests and benchmarks: gzip JSONL of encoded events, as the sink writes them. */
final class BronzeFiles {

    private static final EventCodec CODEC = new EventCodec();
    private static final EventType[] TYPES = EventType.values();

    private BronzeFiles() {
    }

    static BronzeKey key(long startOffset, Instant hour) {
        return BronzeKey.of(TopicNames.DEFAULT_TOPIC, 0, startOffset, hour, Compression.GZIP);
    }

    /** {@code count} events in the hour of {@code at}, numbered from {@code first}, as JSON lines. */
    static List<String> events(long first, int count, Instant at) {
        List<String> lines = new ArrayList<>(count);
        for (long i = first; i < first + count; i++) {
            lines.add(new String(CODEC.encode(event(i, at.plusMillis(i % 1000))), StandardCharsets.UTF_8));
        }
        return lines;
    }

    static ListeningEvent event(long i, Instant at) {
        return new ListeningEvent(new UUID(0x5eed, i).toString(), "user-" + (i % 997), "song-" + (i % 211),
                "Artist " + (i % 53), "Song \"" + (i % 211) + "\"", TYPES[(int) (i % TYPES.length)],
                i % 3 == 0 ? "mobile" : "web", i % 5 == 0 ? "UK" : "DE", at, "session-" + (i / 20), i * 7 % 240_000,
                240_000L, 2);
    }

    /** Puts the lines as one gzip object, each line ending in a newline. */
    static void put(ObjectStore store, String key, List<String> lines) {
        store.put(key, gzip(String.join("\n", lines) + "\n"));
    }

    static byte[] gzip(String body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes, 1 << 16)) {
            gzip.write(body.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
