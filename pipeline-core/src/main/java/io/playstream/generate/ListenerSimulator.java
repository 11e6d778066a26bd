package io.playstream.generate;

import static java.util.Objects.requireNonNull;

import io.playstream.event.ListeningEvent;
import java.util.Iterator;
import java.util.SplittableRandom;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Realistic listening events from a seeded catalogue (see the package documentation). Every call
 * to {@link #iterator()} or {@link #events()} starts the same stream again from its beginning: the
 * same config gives the same events (in simulated time; in real time the timestamps are the wall
 * clock's). Duplicates appear as the same event emitted twice; late events appear later in the
 * stream than their timestamp. In real time the iterator paces itself to the configured rate.
 *
 * <pre>{@code
 * ListenerSimulator simulator = ListenerSimulator.create(SimulatorConfig.builder().events(1_000).build());
 * simulator.events().forEach(sink::send);
 * }</pre>
 *
 * <p>The simulator is thread-safe; each iterator is for one thread.
 */
public final class ListenerSimulator implements Iterable<ListeningEvent> {

    private final SimulatorParts parts;

    private ListenerSimulator(SimulatorParts parts) {
        this.parts = parts;
    }

    /** A simulator of this config; builds its catalogue (datafaker: about a second for some thousands of songs). */
    public static ListenerSimulator create(SimulatorConfig config) {
        requireNonNull(config, "config");
        Catalogue catalogue = Catalogue.build(config.seed(), config.listeners(), config.songs());
        return new ListenerSimulator(new SimulatorParts(config, catalogue));
    }

    public SimulatorConfig config() {
        return parts.config();
    }

    public Catalogue catalogue() {
        return parts.catalogue();
    }

    /** A new stream of the configured events from the start; paced in real time. */
    @Override
    public Iterator<ListeningEvent> iterator() {
        SplittableRandom root = new SplittableRandom(parts.config().seed());
        SplittableRandom behaviour = root.split();
        EventClock clock = EventClock.of(parts.config(), parts.picker(), root.nextLong());
        return new EventStream(parts, clock, behaviour);
    }

    /** The events of {@link #iterator()} as a sequential, ordered stream (endless when events is 0). */
    public Stream<ListeningEvent> events() {
        long events = parts.config().events();
        int characteristics = Spliterator.ORDERED | Spliterator.NONNULL;
        Spliterator<ListeningEvent> spliterator = events == SimulatorConfig.UNBOUNDED
                ? Spliterators.spliteratorUnknownSize(iterator(), characteristics)
                : Spliterators.spliterator(iterator(), events, characteristics);
        return StreamSupport.stream(spliterator, false);
    }
}
