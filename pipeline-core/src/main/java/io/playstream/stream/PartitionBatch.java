package io.playstream.stream;

import io.playstream.event.RejectReason;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What one Kafka partition contributed to the current flush: a bronze chunk per event-time hour, a
 * dead-letter chunk per record date, and the offset to commit once they are stored.
 */
final class PartitionBatch {

    private static final long SECONDS_PER_HOUR = 3600;

    private final String topic;
    private final int partition;
    private final Map<Long, BronzeChunk> bronze = new LinkedHashMap<>();
    private final Map<LocalDate, DeadLetterChunk> deadLetters = new LinkedHashMap<>();
    private long nextOffset = -1;
    /** Events before this are late: they do not hold the partition's watermark back (null: none is late). */
    private final Instant lateBefore;
    private final BlockPool pool;
    private Instant earliestEventTime;

    PartitionBatch(String topic, int partition) {
        this(topic, partition, null);
    }

    PartitionBatch(String topic, int partition, Instant lateBefore) {
        this(topic, partition, lateBefore, new BlockPool(0));
    }

    PartitionBatch(String topic, int partition, Instant lateBefore, BlockPool pool) {
        this.topic = topic;
        this.partition = partition;
        this.lateBefore = lateBefore;
        this.pool = pool;
    }

    String topic() {
        return topic;
    }

    int partition() {
        return partition;
    }

    void addBronze(long offset, Instant eventTime, byte[] value) {
        long hour = Math.floorDiv(eventTime.getEpochSecond(), SECONDS_PER_HOUR);
        bronze.computeIfAbsent(hour, h -> new BronzeChunk(topic, partition, offset, eventTime, pool)).add(value);
        boolean late = lateBefore != null && eventTime.isBefore(lateBefore);
        if (!late && (earliestEventTime == null || eventTime.isBefore(earliestEventTime))) {
            earliestEventTime = eventTime;
        }
        advance(offset);
    }

    void addDeadLetter(long offset, Instant recordTime, byte[] key, byte[] value, RejectReason reason,
            String detail) {
        LocalDate date = LocalDate.ofInstant(recordTime, ZoneOffset.UTC);
        deadLetters.computeIfAbsent(date, d -> new DeadLetterChunk(topic, partition, offset, recordTime))
                .add(offset, recordTime, key, value, reason, detail);
        advance(offset);
    }

    private void advance(long offset) {
        if (offset < nextOffset) {
            throw new IllegalStateException("offsets must grow: " + offset + " after " + (nextOffset - 1)
                    + " in partition " + partition);
        }
        nextOffset = offset + 1;
    }

    /** Whether it was opened after its partition caught up, so it can tell late records from others. */
    boolean judgesLateness() {
        return lateBefore != null;
    }

    /** The earliest event time of its bronze records that are not late; null when it holds none. */
    Instant earliestEventTime() {
        return earliestEventTime;
    }

    /** The offset to commit: one past the last record buffered. */
    long nextOffset() {
        return nextOffset;
    }

    Stream<BronzeChunk> bronzeChunks() {
        return bronze.values().stream();
    }

    Stream<DeadLetterChunk> deadLetterChunks() {
        return deadLetters.values().stream();
    }

    /** Gives its bronze lines' memory back once nothing reads them: after the commit, or when dropped. */
    void release() {
        bronze.values().forEach(BronzeChunk::release);
    }
}
