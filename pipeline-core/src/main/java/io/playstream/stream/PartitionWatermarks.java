package io.playstream.stream;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * The sink's completeness watermark per owned partition. For partition p, with C the last time a
 * poll found the sink's position at p's end (lag 0) and E the earliest event time among p's records
 * read but not yet committed (none: no bound), the watermark is {@code min(C, E)}: every event
 * appended to p before C, with event time before the watermark, is in a committed bronze object,
 * late ones aside.
 * A record whose event time is more than {@link #ALLOWED_LATENESS} before the last time the sink
 * caught up with its partition, when it reads it, is late (bounded out-of-orderness): it reaches bronze and gold like any other (the incremental models rebuild its hour and
 * day), but it is not counted in E, so the watermark does not wait for it. A partition never read
 * to its end has no watermark yet, nor one whose open batch was read before that: such a batch
 * cannot tell late records from others (a record hours late in the first flush after a start held
 * the first watermark hours back), so the watermark starts with the first batch read after it.
 */
final class PartitionWatermarks {

    private final Clock clock;
    /**
     * How far an event's time may lag behind the moment the sink last caught up with its partition
     * and still count as on time: the clients' batching and clock skew. Older is late.
     */
    static final Duration ALLOWED_LATENESS = Duration.ofSeconds(5);

    /**
     * In {@link #current}'s map, the earliest event time of a partition whose open batch was read
     * before the partition caught up: no bound is known yet.
     */
    static final Instant NOT_JUDGED = Instant.MIN;

    private final Map<TopicPartition, Instant> caughtUp = new HashMap<>();

    PartitionWatermarks(Clock clock) {
        this.clock = clock;
    }

    /** After a poll: the partition's lag, when the consumer knows it. */
    void observed(TopicPartition partition, long lag) {
        if (lag == 0) {
            caughtUp.put(partition, clock.instant());
        }
    }

    /** Forgets partitions this member gave up. */
    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(caughtUp::remove);
    }

    /**
     * The event time before which a record of the partition is late: {@link #ALLOWED_LATENESS}
     * before the sink last caught up with it (null before it ever did). A late record is stored and
     * loaded like any other (gold rebuilds its hour), but does not hold the watermark back, or one
     * event hours late in every flush would hold it hours back.
     */
    Instant lateBefore(TopicPartition partition) {
        Instant at = caughtUp.get(partition);
        return at == null ? null : at.minus(ALLOWED_LATENESS);
    }

    /**
     * Each watermark, keyed {@code topic+partition}, given the earliest uncommitted event time per
     * partition ({@link #NOT_JUDGED}: none yet).
     */
    Map<String, Instant> current(Map<TopicPartition, Instant> earliestUncommitted) {
        Map<String, Instant> watermarks = new TreeMap<>();
        caughtUp.forEach((partition, at) -> {
            Instant earliest = earliestUncommitted.get(partition);
            if (NOT_JUDGED.equals(earliest)) {
                return;
            }
            watermarks.put(partition.topic() + "+" + partition.partition(),
                    earliest != null && earliest.isBefore(at) ? earliest : at);
        });
        return watermarks;
    }
}
