package io.playstream.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

/**
 * Judges one poll's messages with {@link MessageCheck} on the poll thread and a few helper threads
 * at once. The poll thread is the sink's bottleneck while it drains a backlog (a profile of a cold
 * {@code playstream sink} on 1M events: Kafka's decompression and record parsing about 45% of its
 * samples, the check about 37%), and the check is a pure function of the message, so only it is
 * shared out: the verdicts come back in the poll's order and the records are then buffered in that
 * order on the poll thread, as before, so keys and offsets stay a function of the record sequence.
 * Small polls (a live stream's) are judged on the poll thread alone: a hand-off would cost more.
 * Not thread-safe: only the poll thread calls it.
 */
final class PollCheck implements AutoCloseable {

    /** Fewer records than this per thread are not worth a hand-off. */
    static final int MIN_SHARE = 500;

    private final MessageCheck check;
    private final ExecutorService helpers;
    private final int helperCount;

    /** @param helperCount threads beside the poll thread (0: the poll thread judges every message) */
    PollCheck(MessageCheck check, int helperCount) {
        this.check = check;
        this.helperCount = helperCount;
        AtomicInteger n = new AtomicInteger();
        this.helpers = helperCount == 0 ? null : Executors.newFixedThreadPool(helperCount, r -> {
            Thread t = new Thread(r, "sink-check-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** One helper per core beyond the poll thread's. */
    static int defaultHelpers() {
        return Runtime.getRuntime().availableProcessors() - 1;
    }

    MessageCheck check() {
        return check;
    }

    /** The records of a poll, in its order, with the verdict of each at the same index. */
    Judged judge(ConsumerRecords<byte[], byte[]> polled) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>(polled.count());
        polled.forEach(records::add);
        MessageCheck.Verdict[] verdicts = new MessageCheck.Verdict[records.size()];
        int shares = Math.min(helperCount + 1, Math.max(1, records.size() / MIN_SHARE));
        List<Future<?>> handedOff = new ArrayList<>(shares - 1);
        for (int share = 1; share < shares; share++) {
            int from = records.size() * share / shares;
            int to = records.size() * (share + 1) / shares;
            handedOff.add(helpers.submit(() -> judge(records, verdicts, from, to)));
        }
        judge(records, verdicts, 0, records.size() / shares);
        for (Future<?> share : handedOff) {
            awaitShare(share);
        }
        return new Judged(records, verdicts);
    }

    private void judge(List<ConsumerRecord<byte[], byte[]>> records, MessageCheck.Verdict[] verdicts, int from, int to) {
        for (int i = from; i < to; i++) {
            verdicts[i] = check.check(records.get(i).value());
        }
    }

    private static void awaitShare(Future<?> share) {
        boolean interrupted = false;
        while (true) {
            try {
                share.get();
                break;
            } catch (InterruptedException e) {
                // the share writes into this poll's verdicts: finish waiting, then pass the interrupt on
                interrupted = true;
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** A poll's records and their verdicts, index for index. */
    record Judged(List<ConsumerRecord<byte[], byte[]>> records, MessageCheck.Verdict[] verdicts) {
    }

    @Override
    public void close() {
        if (helpers != null) {
            helpers.shutdownNow();
        }
    }
}
