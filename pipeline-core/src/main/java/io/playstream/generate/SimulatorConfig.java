package io.playstream.generate;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;

/**
 * What the listener simulator generates, validated once. Build with {@link #builder()}; every
 * field has a {@code DEFAULT_*}. A bad value fails with a message that names its key (the
 * {@code playstream generate} option without dashes) and the accepted values.
 *
 * <p>Two clocks: without {@code from}/{@code to} events happen now, paced to {@code rate} events
 * per second (0: as fast as possible); with them, {@code events} events are spread over that
 * simulated range following the listeners' daily rhythm (a backfill), sent as fast as possible
 * or, when {@code rate} is set, at that rate.
 *
 * @param seed           the same seed gives the same catalogue and the same events
 * @param listeners      how many listeners the catalogue holds
 * @param songs          how many songs the catalogue holds
 * @param events         how many events to emit, duplicates included; 0: no end (real time only)
 * @param rate           events sent per second, in either clock; 0: as fast as possible
 * @param eventMix       per-track chances of skip, pause and playlist add
 * @param lateShare      share of events sent minutes to hours after they happened
 * @param duplicateShare share of events sent twice (same event id), as clients do on retry
 * @param from           start of the simulated range (inclusive), or null for real time
 * @param to             end of the simulated range (exclusive), or null for real time
 */
public record SimulatorConfig(
        long seed,
        int listeners,
        int songs,
        long events,
        double rate,
        EventMix eventMix,
        double lateShare,
        double duplicateShare,
        Instant from,
        Instant to) {

    public static final long DEFAULT_SEED = 42L;
    public static final int DEFAULT_LISTENERS = 20_000;
    public static final int DEFAULT_SONGS = 10_000;
    public static final long DEFAULT_EVENTS = 10_000L;
    /** As fast as possible. */
    public static final double DEFAULT_RATE = 0;
    public static final double DEFAULT_LATE_SHARE = 0.02;
    public static final double DEFAULT_DUPLICATE_SHARE = 0.01;
    public static final int MAX_LISTENERS = 10_000_000;
    /** Naming songs with datafaker takes some microseconds each: a million is seconds of start-up. */
    public static final int MAX_SONGS = 1_000_000;
    /** Events with no end (real time only). */
    public static final long UNBOUNDED = 0L;

    public SimulatorConfig {
        requireNonNull(eventMix, "event-mix");
        requireAtLeast("listeners", listeners, 1, MAX_LISTENERS);
        requireAtLeast("songs", songs, 1, MAX_SONGS);
        if (events < 0) {
            throw invalid("events", "a whole number >= 0 (0: no end, real time only)", events);
        }
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw invalid("rate", "events per second >= 0 (0: as fast as possible)", rate);
        }
        requireShare("late-share", lateShare);
        requireShare("duplicate-share", duplicateShare);
        if ((from == null) != (to == null)) {
            throw new IllegalArgumentException((from == null ? "from" : "to")
                    + " is missing: from and to go together (accepted: both ISO-8601 instants, or neither)");
        }
        if (from != null) {
            if (!to.isAfter(from)) {
                throw new IllegalArgumentException("to must be after from (accepted: from < to), was from="
                        + from + " to=" + to);
            }
            if (events == UNBOUNDED) {
                throw invalid("events", "a whole number >= 1 when from/to set a simulated range", events);
            }
        }
    }

    /** A builder holding every default. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this config. */
    public Builder toBuilder() {
        return new Builder().seed(seed).listeners(listeners).songs(songs).events(events).rate(rate)
                .eventMix(eventMix).lateShare(lateShare).duplicateShare(duplicateShare).timeRange(from, to);
    }

    /** True when events are spread over {@code from}..{@code to} rather than happening now. */
    public boolean simulatedTime() {
        return from != null;
    }

    /** The simulated range's length, or null in real time. */
    public Duration range() {
        return from == null ? null : Duration.between(from, to);
    }

    private static void requireAtLeast(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw invalid(key, "a whole number from " + min + " to " + max, value);
        }
    }

    private static void requireShare(String key, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw invalid(key, "a share from 0 to 1", value);
        }
    }

    private static IllegalArgumentException invalid(String key, String accepted, Object value) {
        return new IllegalArgumentException(key + " must be " + accepted + ", was " + value);
    }

    /** Collects values; {@link #build()} validates them all at once. */
    public static final class Builder {
        private long seed = DEFAULT_SEED;
        private int listeners = DEFAULT_LISTENERS;
        private int songs = DEFAULT_SONGS;
        private long events = DEFAULT_EVENTS;
        private double rate = DEFAULT_RATE;
        private EventMix eventMix = EventMix.DEFAULT;
        private double lateShare = DEFAULT_LATE_SHARE;
        private double duplicateShare = DEFAULT_DUPLICATE_SHARE;
        private Instant from;
        private Instant to;

        private Builder() {
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder listeners(int value) {
            listeners = value;
            return this;
        }

        public Builder songs(int value) {
            songs = value;
            return this;
        }

        public Builder events(long value) {
            events = value;
            return this;
        }

        public Builder rate(double eventsPerSecond) {
            rate = eventsPerSecond;
            return this;
        }

        public Builder eventMix(EventMix value) {
            eventMix = value;
            return this;
        }

        public Builder lateShare(double value) {
            lateShare = value;
            return this;
        }

        public Builder duplicateShare(double value) {
            duplicateShare = value;
            return this;
        }

        /** A simulated range; both null for real time. */
        public Builder timeRange(Instant fromInclusive, Instant toExclusive) {
            from = fromInclusive;
            to = toExclusive;
            return this;
        }

        public SimulatorConfig build() {
            return new SimulatorConfig(seed, listeners, songs, events, rate, eventMix, lateShare, duplicateShare,
                    from, to);
        }
    }
}
