package io.playstream.stream;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Everything consumed since the last commit, sorted into per-partition batches. Decides when to
 * flush (records, bytes, age) and which offsets a successful flush may commit.
 */
final class FlushBuffer {

    private final MessageCheck check;
    private final Function<TopicPartition, Instant> lateBefore;
    private final BlockPool pool;
    private final Map<TopicPartition, PartitionBatch> batches = new HashMap<>();
    /** The batch of the previous record: a poll returns each partition's records together. */
    private PartitionBatch last;
    private int records;
    private int deadLetters;
    private long bytes;
    private long oldestNanos;

    /** Whether a poll left more than another poll's worth of records waiting while this buffer filled. */
    private boolean backlog;

    FlushBuffer(MessageCheck check) {
        this(check, tp -> null, new BlockPool(0));
    }

    /**
     * @param lateBefore per partition, the event time before which a record is late (null: none is)
     * @param pool       where the bronze lines are held until {@link #release()}
     */
    FlushBuffer(MessageCheck check, Function<TopicPartition, Instant> lateBefore, BlockPool pool) {
        this.check = check;
        this.lateBefore = lateBefore;
        this.pool = pool;
    }

    /** Sorts one record into bronze or dead-letter; returns true when it went to bronze. */
    boolean add(ConsumerRecord<byte[], byte[]> record) {
        return add(record, check.check(record.value()));
    }

    /** {@link #add(ConsumerRecord)} with the record's verdict already given (by {@link PollCheck}). */
    boolean add(ConsumerRecord<byte[], byte[]> record, MessageCheck.Verdict verdict) {
        if (records == 0) {
            oldestNanos = System.nanoTime();
        }
        PartitionBatch batch = last;
        if (batch == null || batch.partition() != record.partition() || !batch.topic().equals(record.topic())) {
            TopicPartition tp = new TopicPartition(record.topic(), record.partition());
            batch = batches.computeIfAbsent(tp, p -> new PartitionBatch(p.topic(), p.partition(), lateBefore.apply(p), pool));
            last = batch;
        }
        byte[] value = record.value();
        records++;
        bytes += value == null ? 0 : value.length + 1;
        if (verdict.accepted()) {
            batch.addBronze(record.offset(), verdict.eventTime(), value);
            return true;
        }
        deadLetters++;
        batch.addDeadLetter(record.offset(), recordTime(record.timestamp()), record.key(),
                value, verdict.reason(), verdict.detail());
        return false;
    }

    /** The record's Kafka timestamp, kept within the years a dead-letter key can name. */
    private static Instant recordTime(long epochMillis) {
        return Instant.ofEpochMilli(Math.min(Math.max(0, epochMillis), MessageCheck.LAST_FILEABLE.toEpochMilli()));
    }

    boolean isEmpty() {
        return records == 0;
    }

    int records() {
        return records;
    }

    int deadLetters() {
        return deadLetters;
    }

    long bytes() {
        return bytes;
    }

    /**
     * After a poll: the records still waiting in the sink's partitions, or -1 when unknown. A buffer
     * that fills while more than a poll's worth waits is draining a backlog.
     */
    void observeLag(long lag) {
        if (records > 0 && lag >= BACKLOG_RECORDS) {
            backlog = true;
        }
    }

    /**
     * Whether a flush is due: enough records or bytes, or the oldest record waited long enough, or
     * the sink has just caught up with a backlog ({@code lag} 0). Then nothing more is coming soon,
     * and waiting for the flush age would only hold the backlog's last records back; a sink keeping
     * pace with a live stream never sees a backlog and keeps its flush age.
     */
    boolean isDue(SinkConfig config, long lag) {
        return records > 0 && (records >= config.flushRecords() || bytes >= config.flushBytes()
                || System.nanoTime() - oldestNanos >= config.flushMaxAge().toNanos() || backlog && lag == 0);
    }

    /** More records than one poll returns, waiting: {@code max.poll.records} of the sink's consumer. */
    static final long BACKLOG_RECORDS = Long.parseLong(BronzeSink.FETCH_SETTINGS.get(
            org.apache.kafka.clients.consumer.ConsumerConfig.MAX_POLL_RECORDS_CONFIG));

    Collection<PartitionBatch> batches() {
        return batches.values();
    }

    /** The offsets a successful flush commits. */
    Map<TopicPartition, OffsetAndMetadata> offsets() {
        return batches.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue().nextOffset())));
    }

    /**
     * The earliest event time buffered per partition, late records aside, for the completeness
     * watermark; {@link PartitionWatermarks#NOT_JUDGED} for a batch read before its partition caught up.
     */
    Map<TopicPartition, Instant> earliestEventTimes() {
        Map<TopicPartition, Instant> earliest = new HashMap<>();
        batches.forEach((tp, batch) -> {
            if (!batch.judgesLateness()) {
                earliest.put(tp, PartitionWatermarks.NOT_JUDGED);
            } else if (batch.earliestEventTime() != null) {
                earliest.put(tp, batch.earliestEventTime());
            }
        });
        return earliest;
    }

    /**
     * Drops what was buffered for partitions this member no longer owns; their new owner re-reads them.
     * Nothing may be writing the buffer's lines.
     */
    void drop(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            PartitionBatch dropped = batches.remove(partition);
            if (dropped != null) {
                dropped.release();
            }
        }
        last = null;
        if (batches.isEmpty()) {
            clear();
        }
    }

    /** Forgets everything and gives the lines' memory back; nothing may be writing them. */
    void clear() {
        batches.values().forEach(PartitionBatch::release);
        backlog = false;
        batches.clear();
        last = null;
        records = 0;
        deadLetters = 0;
        bytes = 0;
    }
}
