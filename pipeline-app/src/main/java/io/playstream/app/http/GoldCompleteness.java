package io.playstream.app.http;

import io.playstream.warehouse.Completeness;
import io.playstream.warehouse.Warehouse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Gold's completeness watermark as the API, the dashboard and the metrics show it, read from the
 * warehouse ({@link Completeness}) at most once a second however many requests ask, so the header
 * on every gold response costs no query of its own.
 */
public final class GoldCompleteness {

    /** The header on every gold API response: the ISO instant gold is complete through. */
    public static final String HEADER = "Playstream-Complete-Through";
    private static final Duration FRESH_FOR = Duration.ofSeconds(1);

    private final Optional<Warehouse> warehouse;
    private final Clock clock;
    private Completeness.Snapshot snapshot = Completeness.Snapshot.EMPTY;
    private Instant readAt = Instant.MIN;

    public GoldCompleteness(Optional<Warehouse> warehouse) {
        this(warehouse, Clock.systemUTC());
    }

    GoldCompleteness(Optional<Warehouse> warehouse, Clock clock) {
        this.warehouse = warehouse;
        this.clock = clock;
    }

    /** The latest snapshot; the last one read when the warehouse cannot be reached. */
    public synchronized Completeness.Snapshot snapshot() {
        Instant now = clock.instant();
        if (warehouse.isPresent() && Duration.between(readAt, now).compareTo(FRESH_FOR) >= 0) {
            readAt = now;
            try {
                snapshot = Completeness.read(warehouse.get());
            } catch (RuntimeException e) {
                // shown as it was: the status endpoint reports the warehouse's own error
            }
        }
        return snapshot;
    }

    /** The instant gold is complete through, once known. */
    public Optional<Instant> completeThrough() {
        return snapshot().goldThrough();
    }

    /** Seconds between now and the watermark; NaN before there is one (Prometheus shows NaN as "no value"). */
    public double lagSeconds() {
        return completeThrough().map(t -> Duration.between(t, clock.instant()).toMillis() / 1000.0).orElse(Double.NaN);
    }
}
