package io.playstream.partition;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** An object filed under {@code date=YYYY-MM-DD/hour=HH/}: the UTC hour its events happened in. */
public interface HourPartition {

    LocalDate date();

    int hour();

    /** The first instant of the hour. */
    default Instant hourStart() {
        return date().atStartOfDay(ZoneOffset.UTC).plusHours(hour()).toInstant();
    }

    /** True when the hour starts within [from, to): the rule for data intervals (Airflow's too). */
    default boolean startsWithin(Instant from, Instant to) {
        Instant start = hourStart();
        return !start.isBefore(from) && start.isBefore(to);
    }
}
