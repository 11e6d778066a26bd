package io.playstream.stream;

import io.playstream.event.EventCodec;
import io.playstream.event.EventType;
import io.playstream.event.ListeningEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Encoded events for stream tests: mostly in order, with some late ones hours behind, so bronze
 * files span several event hours per partition.
 */
public final class TestEvents {

    public static final Instant START = Instant.parse("2025-12-10T15:00:00Z");
    private static final EventType[] TYPES = EventType.values();
    private static final String[] DEVICES = {"mobile", "desktop", "web"};
    private static final String[] COUNTRIES = {"US", "UK", "DE", "BR", "AU"};

    private TestEvents() {
    }

    /** {@code count} events over about {@code hours} hours, one in ten arriving 1-3 hours late. */
    public static List<ListeningEvent> events(int count, int hours, long seed) {
        Random random = new Random(seed);
        List<ListeningEvent> events = new ArrayList<>(count);
        long stepMillis = Math.max(1, Duration.ofHours(hours).toMillis() / Math.max(1, count));
        for (int i = 0; i < count; i++) {
            Instant at = START.plusMillis(i * stepMillis);
            if (random.nextInt(10) == 0) {
                at = at.minus(Duration.ofHours(1 + random.nextInt(3)));
            }
            events.add(new ListeningEvent(new UUID(seed, i).toString(), "user-" + random.nextInt(500),
                    "song-" + random.nextInt(2_000), "Artist " + random.nextInt(300), "Song " + random.nextInt(2_000),
                    TYPES[random.nextInt(TYPES.length)], DEVICES[random.nextInt(DEVICES.length)],
                    COUNTRIES[random.nextInt(COUNTRIES.length)], at.plusNanos(random.nextInt(1_000_000) * 1_000L),
                    "session-" + random.nextInt(1_000), (long) random.nextInt(200_000), 200_000L, 1));
        }
        return events;
    }

    /** The same events as message bytes. */
    public static List<byte[]> encoded(int count, int hours, long seed) {
        EventCodec codec = new EventCodec();
        return events(count, hours, seed).stream().map(codec::encode).toList();
    }
}
