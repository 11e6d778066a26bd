package io.playstream.app.bench;

import io.playstream.event.EventCodec;
import io.playstream.event.ListeningEvent;
import io.playstream.generate.ListenerSimulator;
import io.playstream.generate.SimulatorConfig;
import io.playstream.objectstore.ObjectStore;
import io.playstream.partition.BronzeKey;
import io.playstream.partition.Compression;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.zip.GZIPOutputStream;

/**
 * The data every stage shares: the simulator over a fixed three days of history (so runs compare),
 * a payload file of our encoded events for ProducerPerformance, and one more hour of events as a
 * bronze object for the incremental transform and the loaders' warm-up.
 */
final class BenchData {

    static final Instant HISTORY_START = Instant.parse("2025-12-01T00:00:00Z");
    static final Instant HISTORY_END = HISTORY_START.plus(Duration.ofDays(3));
    static final String EXTRA_TOPIC = "bench-extra-hour";
    static final String MICRO_BATCH_TOPIC = "bench-micro-batch";
    static final String HISTORY_TOPIC = "bench-history";
    /** Events per bronze object of {@link #writeHistory}: about what a sink flush writes at a busy rate. */
    static final long HISTORY_OBJECT_EVENTS = 500_000;
    /** Events of the micro-batch the state-aware transform figures load: a few seconds of a busy stream. */
    static final long MICRO_BATCH_EVENTS = 5_000;
    /** Distinct payloads ProducerPerformance cycles through. */
    static final int PAYLOADS = 10_000;

    private BenchData() {
    }

    /** {@code events} simulated events over the benchmark's history; the same seed gives the same events. */
    static Iterator<ListeningEvent> simulate(long events, long seed) {
        return ListenerSimulator.create(SimulatorConfig.builder().seed(seed).events(events)
                .timeRange(HISTORY_START, HISTORY_END).build()).iterator();
    }

    /** Events of the hour after the history, as many as an average hour of it holds (at least 1,000). */
    static long extraHourEvents(long events) {
        return Math.max(1_000, events / Duration.between(HISTORY_START, HISTORY_END).toHours());
    }

    /** Writes one more hour of events as one gzip bronze object; returns how many. */
    static long writeExtraHour(ObjectStore store, long events) {
        long count = extraHourEvents(events);
        writeObject(store, EXTRA_TOPIC, count, 7, HISTORY_END);
        return count;
    }

    /** Writes {@link #MICRO_BATCH_EVENTS} events of the hour after the extra hour as one gzip bronze object. */
    static void writeMicroBatch(ObjectStore store) {
        writeObject(store, MICRO_BATCH_TOPIC, MICRO_BATCH_EVENTS, 9, HISTORY_END.plus(Duration.ofHours(1)));
    }

    private static void writeObject(ObjectStore store, String topic, long count, long seed, Instant hour) {
        Iterator<ListeningEvent> it = ListenerSimulator.create(SimulatorConfig.builder().seed(seed).events(count)
                .timeRange(hour, hour.plus(Duration.ofHours(1))).build()).iterator();
        writeObject(store, topic, 0, hour, it, count);
    }

    /**
     * Writes {@code events} simulated events of the history (seed 1, as the sink stages send) as gzip
     * bronze objects of at most {@value #HISTORY_OBJECT_EVENTS} events each, straight to the store:
     * what the sink would have written, without a broker.
     */
    static void writeHistory(ObjectStore store, long events) {
        Iterator<ListeningEvent> it = simulate(events, 1);
        for (long offset = 0; it.hasNext(); offset += HISTORY_OBJECT_EVENTS) {
            writeObject(store, HISTORY_TOPIC, offset, HISTORY_START, it, HISTORY_OBJECT_EVENTS);
        }
    }

    /** Up to {@code count} events of {@code it} as one gzip object keyed at {@code offset}. */
    private static void writeObject(ObjectStore store, String topic, long offset, Instant hour, Iterator<ListeningEvent> it,
                                    long count) {
        EventCodec codec = new EventCodec();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(body, 1 << 16)) {
            for (long written = 0; written < count && it.hasNext(); written++) {
                codec.encodeTo(it.next(), gzip);
                gzip.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        store.put(BronzeKey.of(topic, 0, offset, hour, Compression.GZIP).value(), body.toByteArray());
    }

    /** A payload file (one encoded event a line) for ProducerPerformance; returns the mean record size in bytes. */
    static double writePayloads(Path file) {
        EventCodec codec = new EventCodec();
        long bytes = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            for (Iterator<ListeningEvent> it = simulate(PAYLOADS, 3); it.hasNext(); ) {
                byte[] line = codec.encode(it.next());
                bytes += line.length;
                out.write(line);
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return (double) bytes / PAYLOADS;
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
