package io.playstream.stream;

import io.playstream.testing.Await;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/** A {@link BronzeSink} running on its own thread, for tests. */
final class RunningSink implements AutoCloseable {

    private final BronzeSink sink;
    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    RunningSink(BronzeSink sink, String name) {
        this.sink = sink;
        this.thread = new Thread(sink, name);
        thread.setUncaughtExceptionHandler((t, e) -> failure.set(e));
        thread.start();
    }

    BronzeSink sink() {
        return sink;
    }

    /** What ended the sink's thread with an exception, if anything did. */
    java.util.Optional<Throwable> failure() {
        return java.util.Optional.ofNullable(failure.get());
    }

    /** Waits until the metrics satisfy {@code condition}; fails after {@code timeout}. */
    void awaitMetrics(Predicate<SinkMetricsSnapshot> condition, Duration timeout) throws InterruptedException {
        Await.until(() -> {
            if (failure.get() != null) {
                throw new AssertionError("sink failed", failure.get());
            }
            return condition.test(sink.metrics());
        }, timeout, () -> "sink metrics " + sink.metrics());
    }

    @Override
    public void close() throws InterruptedException {
        sink.close();
        thread.join(60_000);
        if (failure.get() != null) {
            throw new AssertionError("sink failed", failure.get());
        }
    }
}
