package io.playstream.stream;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The sink's counters, updated by its thread and read by any (e.g. a Prometheus binder in the app
 * polling {@link #snapshot()}).
 */
public final class SinkMetrics {

    private final LongAdder recordsIn = new LongAdder();
    private final LongAdder bronzeLines = new LongAdder();
    private final LongAdder deadLetters = new LongAdder();
    private final LongAdder files = new LongAdder();
    private final LongAdder bytesWritten = new LongAdder();
    private final LongAdder flushes = new LongAdder();
    private final LongAdder flushFailures = new LongAdder();
    private final LongAdder flushMillisTotal = new LongAdder();
    private final AtomicLong lastFlushMillis = new AtomicLong();
    private final AtomicLong lag = new AtomicLong();
    private final AtomicLong assignedPartitions = new AtomicLong();

    void recordsIn(int count) {
        recordsIn.add(count);
    }

    void flushed(FlushResult result, long millis) {
        bronzeLines.add(result.bronzeLines());
        deadLetters.add(result.deadLetters());
        files.add(result.files());
        bytesWritten.add(result.bytes());
        flushes.increment();
        flushMillisTotal.add(millis);
        lastFlushMillis.set(millis);
    }

    void flushFailed() {
        flushFailures.increment();
    }

    void lag(long records) {
        lag.set(records);
    }

    void assignedPartitions(int count) {
        assignedPartitions.set(count);
    }

    /** A consistent-enough copy of every counter. */
    public SinkMetricsSnapshot snapshot() {
        return new SinkMetricsSnapshot(recordsIn.sum(), bronzeLines.sum(), deadLetters.sum(), files.sum(),
                bytesWritten.sum(), flushes.sum(), flushFailures.sum(), flushMillisTotal.sum(), lastFlushMillis.get(),
                lag.get(), assignedPartitions.get());
    }
}
