package io.playstream.stream;

import io.playstream.objectstore.ObjectStore;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer-group member that writes Kafka messages into bronze files (CONTRACTS.md §2). Each flush
 * stores one file per (partition, event hour) and one per (partition, record date) of dead letters,
 * then commits the offsets after the last buffered record: keys are a pure function of the record
 * sequence, so a crash before the commit replays into the same keys (no loss, no duplicate).
 *
 * <p>Files are written in the background ({@link FlushPipeline}) while polling goes on, one flush at
 * a time, and the next flush is written only after the previous one committed.
 *
 * <p>With a {@link NoticeSink}, each flush is announced (its keys and the partitions' completeness
 * watermarks, {@link BronzeNotice}) after its files are stored and before its offsets are committed,
 * and an idle sink announces its watermarks every {@link #HEARTBEAT}.
 *
 * <p>A store outage makes flushes fail: they are retried with backoff while polling goes on (the
 * member stays in its group) and partitions are paused once the buffer is full; nothing is
 * committed meanwhile. {@link #run()} blocks; {@link #close()} from any thread flushes, commits and
 * leaves the group.
 */
public final class BronzeSink implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BronzeSink.class);
    /** How long a poll waits for records; also how quickly the sink notices a due flush. */
    public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofMillis(200);
    /** How long {@link #close()} keeps retrying the last flush when the store is down. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /** The poll timeout while a flush is being written. */
    private static final Duration WRITING_POLL_TIMEOUT = Duration.ofMillis(20);
    /**
     * The consumer settings that decide how fast the sink reads: large polls, a TCP receive buffer
     * as large as Kafka's ConsumerPerformance uses (the default 64 KiB throttled fetches of 1 MiB per
     * partition), and only committed records. Public so a benchmark's reference reads with the same.
     */
    public static final Map<String, String> FETCH_SETTINGS = Map.of(
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000",
            ConsumerConfig.RECEIVE_BUFFER_CONFIG, Integer.toString(2 << 20),
            ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(1 << 20),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");

    private final SinkConfig config;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final FlushPipeline flushes;
    private final SinkMetrics metrics = new SinkMetrics();
    private final NoticeSink notices;
    private final PartitionWatermarks watermarks = new PartitionWatermarks(java.time.Clock.systemUTC());
    private long lastNoticeNanos = System.nanoTime();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private boolean started;
    private boolean closed;

    /** How often an idle sink announces its watermarks, so gold's completeness moves without traffic. */
    static final Duration HEARTBEAT = Duration.ofSeconds(1);

    public BronzeSink(KafkaSettings settings, SinkConfig config, ObjectStore store) {
        this(settings, config, store, NoticeSink.NONE);
    }

    /** A sink that announces every flush, and its watermarks, to {@code notices} (owned by the caller). */
    public BronzeSink(KafkaSettings settings, SinkConfig config, ObjectStore store, NoticeSink notices) {
        this.config = config;
        this.notices = java.util.Objects.requireNonNull(notices, "notices");
        Map<String, String> properties = new HashMap<>(FETCH_SETTINGS);
        properties.putAll(config.membership().consumerProperties());
        properties.putAll(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, config.groupId(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
        this.consumer = new KafkaConsumer<>(settings.toProperties(properties));
        this.flushes = new FlushPipeline(config, new FlushWriter(store, config.gzipLevel(), config.writerThreads()),
                consumer::commitSync, this::announce, watermarks::lateBefore, metrics);
    }

    /** Consumes until {@link #close()}; a permanent store failure ends it with that exception. */
    @Override
    public void run() {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("sink already closed");
            }
            started = true;
        }
        try {
            consumer.subscribe(List.of(config.topic()), new Rebalance());
            LOG.info("Bronze sink(topic={}, group={}) started", config.topic(), config.groupId());
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(pollTimeout());
                flushes.addAll(records);
                metrics.recordsIn(records.count());
                flushes.advance(updatePartitionMetrics());
                heartbeat();
                applyBackpressure();
            }
        } catch (WakeupException | InterruptException e) {
            if (running) {
                throw e;
            }
        } finally {
            try {
                finalFlush();
            } catch (RuntimeException e) {
                LOG.warn("Last flush failed, its records stay uncommitted and are read again at the next start: {}",
                        e.toString());
            }
            try {
                // leaves the group, a static member too: its partitions move at once (a kill leaves them to the session timeout)
                consumer.close(CloseOptions.timeout(Duration.ofSeconds(10)).withGroupMembershipOperation(GroupMembershipOperation.LEAVE_GROUP));
                LOG.info("Bronze sink(topic={}, group={}) stopped: {}", config.topic(), config.groupId(), metrics());
            } finally {
                flushes.close();
                stopped.countDown();
            }
        }
    }

    /** The counters, for logs and the app's metrics endpoint. */
    public SinkMetricsSnapshot metrics() {
        return metrics.snapshot();
    }

    /** Stops {@link #run()}: flushes and commits what is buffered, leaves the group, then returns. */
    @Override
    public void close() {
        running = false;
        synchronized (this) {
            if (!started) {
                // never ran: nothing buffered, only the clients to release
                closed = true;
                consumer.close(Duration.ZERO);
                flushes.close();
                return;
            }
        }
        consumer.wakeup();
        try {
            if (!stopped.await(DEFAULT_CLOSE_TIMEOUT.toSeconds() + 15, TimeUnit.SECONDS)) {
                LOG.warn("Bronze sink(topic={}) did not stop in time", config.topic());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void finalFlush() {
        boolean stored;
        try {
            stored = flushes.drain(System.nanoTime() + DEFAULT_CLOSE_TIMEOUT.toNanos());
        } catch (InterruptedException | WakeupException | InterruptException e) {
            stored = false;
        }
        if (!stored) {
            LOG.warn("Stopping with {} records not stored; they stay uncommitted and are read again at the next start",
                    flushes.records());
        }
    }

    /** Before a flush's commit: its keys, and the watermarks that hold once it is committed. */
    private void announce(FlushResult result) {
        if (notices != NoticeSink.NONE) {
            notices.publish(new BronzeNotice(result.bronzeKeys(), watermarks.current(flushes.earliestOpen())));
            lastNoticeNanos = System.nanoTime();
        }
    }

    private void heartbeat() {
        if (notices != NoticeSink.NONE && !flushes.writing() && System.nanoTime() - lastNoticeNanos >= HEARTBEAT.toNanos()) {
            java.util.Map<String, java.time.Instant> current = watermarks.current(flushes.earliestOpen());
            if (!current.isEmpty()) {
                notices.publishHeartbeat(new BronzeNotice(List.of(), current));
            }
            lastNoticeNanos = System.nanoTime();
        }
    }

    /** Short while a flush is being written, so its commit follows it closely; never past a retry. */
    private Duration pollTimeout() {
        Duration timeout = flushes.writing() ? WRITING_POLL_TIMEOUT : DEFAULT_POLL_TIMEOUT;
        Duration untilRetry = flushes.retryIn();
        return untilRetry.isZero() || untilRetry.compareTo(timeout) > 0 ? timeout : untilRetry;
    }

    /** Memory stays bounded: no more fetching while the buffer is full (e.g. during a store outage). */
    private void applyBackpressure() {
        boolean full = flushes.bytes() >= config.maxBufferedBytes();
        if (full && !consumer.paused().containsAll(consumer.assignment())) {
            LOG.warn("Buffer full(bytes={}): pausing {} partitions", flushes.bytes(), consumer.assignment().size());
            consumer.pause(consumer.assignment());
        } else if (!full && !consumer.paused().isEmpty()) {
            consumer.resume(consumer.paused());
        }
    }

    /** Records waiting in the assigned partitions, or -1 while the lag of one of them is unknown. */
    private long updatePartitionMetrics() {
        long lag = 0;
        boolean known = true;
        for (TopicPartition tp : consumer.assignment()) {
            OptionalLong partitionLag = consumer.currentLag(tp);
            lag += partitionLag.orElse(0);
            known &= partitionLag.isPresent();
            partitionLag.ifPresent(l -> watermarks.observed(tp, l));
        }
        metrics.lag(lag);
        metrics.assignedPartitions(consumer.assignment().size());
        return known ? lag : -1;
    }

    /** Flushes before partitions move to another member; drops their data when that fails. */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            flushes.revoke(partitions);
            watermarks.forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // another member may already own them: committing now could overwrite its progress
            flushes.forget(partitions);
            watermarks.forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            LOG.info("Assigned(partitions={})", partitions);
        }
    }
}
