package io.playstream.stream;

import io.playstream.PlaystreamException;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink's flushes, written in the background while the poll thread goes on reading into the
 * next buffer. One flush at a time is in flight: its offsets are committed (on the poll thread,
 * the consumer's only thread) once every one of its files is stored, and only then may the next
 * buffer be written. So, as when flushes blocked the poll loop, the files of at most one
 * uncommitted flush exist, and a crash replays from the last commit into the same keys (CONTRACTS.md
 * §2). A failed flush is retried with backoff, whole, before anything after it is written. Not
 * thread-safe: only the poll thread calls it.
 */
final class FlushPipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FlushPipeline.class);

    /** Commits offsets: {@code KafkaConsumer::commitSync}. */
    interface Committer {
        void commit(Map<TopicPartition, OffsetAndMetadata> offsets);
    }

    /** Told of a stored flush right before its offsets are committed; may fail it (retriably). */
    interface BeforeCommit {
        BeforeCommit NONE = result -> {
        };

        void stored(FlushResult result);
    }

    private final SinkConfig config;
    private final FlushWriter writer;
    private final Committer committer;
    private final BeforeCommit beforeCommit;
    private final SinkMetrics metrics;
    private final Backoff backoff;
    private final MessageCheck check = new MessageCheck();
    private final PollCheck pollCheck = new PollCheck(check, PollCheck.defaultHelpers());
    private final java.util.function.Function<TopicPartition, java.time.Instant> lateBefore;
    private final BlockPool pool;
    private FlushBuffer open;
    private Flight flight;

    /** The flush being written, or written and waiting for its commit, or failed and waiting for a retry. */
    private static final class Flight {
        final FlushBuffer buffer;
        final long startNanos = System.nanoTime();
        CompletableFuture<FlushResult> result;
        boolean failed;

        Flight(FlushBuffer buffer, CompletableFuture<FlushResult> result) {
            this.buffer = buffer;
            this.result = result;
        }
    }

    FlushPipeline(SinkConfig config, FlushWriter writer, Committer committer, SinkMetrics metrics) {
        this(config, writer, committer, BeforeCommit.NONE, tp -> null, metrics);
    }

    /** @param lateBefore per partition, the event time before which a record is late (see {@link PartitionWatermarks}) */
    FlushPipeline(SinkConfig config, FlushWriter writer, Committer committer, BeforeCommit beforeCommit,
            java.util.function.Function<TopicPartition, java.time.Instant> lateBefore, SinkMetrics metrics) {
        this.config = config;
        this.writer = writer;
        this.committer = committer;
        this.beforeCommit = beforeCommit;
        this.lateBefore = lateBefore;
        // what the buffer may hold, kept for the next flushes; the rest is freed
        this.pool = new BlockPool(config.maxBufferedBytes());
        this.open = new FlushBuffer(check, lateBefore, pool);
        this.metrics = metrics;
        this.backoff = new Backoff(config.retryBackoff(), config.maxRetryBackoff());
    }

    void add(ConsumerRecord<byte[], byte[]> record) {
        open.add(record);
    }

    /** A poll's records, in its order, judged on several threads at once ({@link PollCheck}). */
    void addAll(ConsumerRecords<byte[], byte[]> records) {
        PollCheck.Judged judged = pollCheck.judge(records);
        for (int i = 0; i < judged.verdicts().length; i++) {
            open.add(judged.records().get(i), judged.verdicts()[i]);
        }
    }

    /** {@link #advance(long)} without knowing the lag. */
    void advance() {
        advance(-1);
    }

    /**
     * One step of the poll loop, never waiting: commits a flight whose files are all stored, retries
     * a failed one once its backoff has passed, and hands a due buffer to the writer when none is in flight.
     *
     * @param lag records waiting in the assigned partitions after the last poll, -1 when unknown
     */
    void advance(long lag) {
        open.observeLag(lag);
        if (flight != null && !flight.failed && flight.result.isDone()) {
            finish();
        }
        if (flight != null && flight.failed && backoff.ready()) {
            resubmit();
        }
        if (flight == null && open.isDue(config, lag) && backoff.ready()) {
            launch();
        }
    }

    /**
     * Stores and commits everything buffered, retrying with backoff until {@code deadlineNanos}
     * (a {@link System#nanoTime()}); false when something is left uncommitted.
     */
    boolean drain(long deadlineNanos) throws InterruptedException {
        while (System.nanoTime() - deadlineNanos < 0) {
            if (flight == null && open.isEmpty()) {
                return true;
            }
            if (!backoff.ready()) {
                Thread.sleep(Math.max(1, Math.min(backoff.remaining().toMillis(), 1_000)));
            } else if (flight == null) {
                launch();
            } else {
                if (flight.failed) {
                    resubmit();
                }
                finish();
            }
        }
        return flight == null && open.isEmpty();
    }

    /**
     * Before partitions move to another member: stores and commits everything (one attempt, as a
     * rebalance cannot wait for backoff), then forgets the partitions' data whether that worked or not.
     */
    void revoke(Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty() && !isEmpty()) {
            boolean stored = flight == null || finishNow();
            if (stored && !open.isEmpty()) {
                launch();
                stored = finishNow();
            }
            if (!stored) {
                LOG.info("Dropping uncommitted data of {} revoked partitions: their next owner reads it again",
                        partitions.size());
            }
        }
        forget(partitions);
    }

    /**
     * Forgets the data of partitions another member may already own, without committing: that could
     * overwrite its progress. Waits for the flight's writes to end first, so none of them lands after
     * the new owner wrote the same key.
     */
    void forget(Collection<TopicPartition> partitions) {
        open.drop(partitions);
        if (flight != null) {
            flight.result.exceptionally(e -> null).join();
            flight.buffer.drop(partitions);
            if (flight.buffer.isEmpty()) {
                flight = null;
            }
        }
    }

    boolean isEmpty() {
        return flight == null && open.isEmpty();
    }

    /** Records read but not committed. */
    int records() {
        return open.records() + (flight == null ? 0 : flight.buffer.records());
    }

    /** Message bytes held in memory, for backpressure. */
    long bytes() {
        return open.bytes() + (flight == null ? 0 : flight.buffer.bytes());
    }

    /** The earliest event time per partition of what is buffered and not in flight. */
    Map<TopicPartition, java.time.Instant> earliestOpen() {
        return open.earliestEventTimes();
    }

    /** Whether a flight is being written: the poll loop then polls briefly, to commit soon after. */
    boolean writing() {
        return flight != null && !flight.failed;
    }

    /** How long until a failed flush may be retried, zero when none waits. */
    java.time.Duration retryIn() {
        return backoff.remaining();
    }

    private void launch() {
        flight = new Flight(open, writer.submit(open));
        open = new FlushBuffer(check, lateBefore, pool);
    }

    private void resubmit() {
        flight.failed = false;
        flight.result = writer.submit(flight.buffer);
    }

    /** A retry of a failed flight right away, then {@link #finish()}. */
    private boolean finishNow() {
        if (flight.failed) {
            resubmit();
        }
        return finish();
    }

    /** Waits for the flight, then commits it; false (nothing committed) when it failed. */
    private boolean finish() {
        try {
            FlushResult result = FlushWriter.await(flight.result);
            beforeCommit.stored(result);
            committer.commit(flight.buffer.offsets());
            flight.buffer.clear(); // its files are stored and committed: its memory serves the next buffers
            long millis = (System.nanoTime() - flight.startNanos) / 1_000_000;
            metrics.flushed(result, millis);
            LOG.debug("Flushed(files={}, lines={}, deadLetters={}, bytes={}) in {} ms", result.files(),
                    result.bronzeLines(), result.deadLetters(), result.bytes(), millis);
            flight = null;
            backoff.succeeded();
            return true;
        } catch (PlaystreamException e) {
            if (!e.isRetriable()) {
                throw e;
            }
            metrics.flushFailed();
            backoff.failed();
            flight.failed = true;
            LOG.warn("Flush failed(attempt={}, retryIn={} ms): {}", backoff.failures(), backoff.remaining().toMillis(),
                    e.getMessage());
            return false;
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // the group moved on: the partitions' new owners re-read from the last commit and rewrite
            // the same keys, so what was just stored is overwritten, not duplicated; what was read
            // after it cannot be committed without it
            LOG.warn("Commit refused by the group, dropping the flush and what followed it: {}", e.getMessage());
            flight.buffer.clear();
            flight = null;
            open.clear();
            return false;
        }
    }

    @Override
    public void close() {
        writer.close();
        pollCheck.close();
    }
}
