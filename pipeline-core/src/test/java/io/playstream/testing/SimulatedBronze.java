package io.playstream.testing;

import io.playstream.event.EventCodec;
import io.playstream.event.ListeningEvent;
import io.playstream.generate.ListenerSimulator;
import io.playstream.generate.SimulatorConfig;
import io.playstream.objectstore.ObjectStore;
import io.playstream.partition.BronzeKey;
import io.playstream.partition.Compression;
import io.playstream.partition.TopicNames;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

/**
 * Bronze objects as the sink writes them, without a broker: the listener simulator's events,
 * encoded by the event codec, one gzip JSONL object per event hour under its {@link BronzeKey}.
 * What tests of the later stages (load, transform, jobs) start from.
 */
public final class SimulatedBronze {

    private final ObjectStore store;
    private long nextOffset;

    /** One bronze object written: its key, the hour its events fall in and the events, in order. */
    public record BronzeObject(String key, Instant hour, List<ListeningEvent> events) {

        /** The distinct event ids (the simulator sends about one event in a hundred twice, as clients retry). */
        public Set<String> eventIds() {
            return events.stream().map(ListeningEvent::eventId).collect(Collectors.toSet());
        }
    }

    public SimulatedBronze(ObjectStore store) {
        this.store = store;
    }

    /**
     * Simulates {@code eventsPerHour} events in each of {@code hours} hours from {@code firstHour}
     * (the seed makes them repeatable) and writes one object per hour; returns them in hour order.
     */
    public List<BronzeObject> writeHours(Instant firstHour, int hours, int eventsPerHour, long seed) {
        Instant from = firstHour.truncatedTo(ChronoUnit.HOURS);
        Instant to = from.plus(Duration.ofHours(hours));
        Map<Instant, List<ListeningEvent>> byHour = new TreeMap<>();
        ListenerSimulator.create(SimulatorConfig.builder().seed(seed).listeners(50).songs(40)
                        .events((long) eventsPerHour * hours).timeRange(from, to).build())
                .forEach(e -> byHour.computeIfAbsent(e.timestamp().truncatedTo(ChronoUnit.HOURS), h -> new ArrayList<>()).add(e));
        List<BronzeObject> written = new ArrayList<>();
        byHour.forEach((hour, events) -> written.add(write(hour, events)));
        return written;
    }

    /** Replaces an object with its first {@code lines} events, as a rewrite upstream would. */
    public BronzeObject truncate(BronzeObject object, int lines) {
        List<ListeningEvent> kept = object.events().subList(0, lines);
        store.put(object.key(), gzip(kept));
        return new BronzeObject(object.key(), object.hour(), kept);
    }

    /** Writes {@code events}, in their order, as one object of {@code hour}'s folder. */
    public synchronized BronzeObject write(Instant hour, List<ListeningEvent> events) {
        String key = BronzeKey.of(TopicNames.DEFAULT_TOPIC, 0, nextOffset, hour, Compression.GZIP).value();
        nextOffset += events.size();
        store.put(key, gzip(events));
        return new BronzeObject(key, hour, List.copyOf(events));
    }

    private static byte[] gzip(List<ListeningEvent> events) {
        EventCodec codec = new EventCodec();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(body, 1 << 16)) {
            for (ListeningEvent event : events) {
                codec.encodeTo(event, gzip);
                gzip.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return body.toByteArray();
    }
}
