package io.playstream.warehouse;

import static java.util.Objects.requireNonNull;

import io.playstream.partition.HourPartition;
import java.time.Instant;

/**
 * A data interval [from, to): a load takes the objects whose hour starts within it (the rule of
 * {@link HourPartition#startsWithin}, Airflow's too).
 */
public record LoadInterval(Instant from, Instant to) {

    public LoadInterval {
        requireNonNull(from, "from");
        requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the interval's from (" + from + ") must be before its to (" + to + ")");
        }
    }

    boolean contains(HourPartition partition) {
        return partition.startsWithin(from, to);
    }
}
