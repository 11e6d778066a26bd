package io.playstream.stream;

import java.time.Duration;

/** Exponential backoff between flush attempts: first wait, doubling, capped. Not thread-safe. */
final class Backoff {

    private final long firstNanos;
    private final long maxNanos;
    private long nextNanos;
    private long notBeforeNanos;
    private int failures;

    Backoff(Duration first, Duration max) {
        this.firstNanos = first.toNanos();
        this.maxNanos = max.toNanos();
        this.nextNanos = firstNanos;
    }

    /** Records a failure: the next attempt waits longer. */
    void failed() {
        failures++;
        notBeforeNanos = System.nanoTime() + nextNanos;
        nextNanos = Math.min(maxNanos, nextNanos * 2);
    }

    void succeeded() {
        failures = 0;
        nextNanos = firstNanos;
        notBeforeNanos = 0;
    }

    /** Whether an attempt may be made now. */
    boolean ready() {
        return failures == 0 || System.nanoTime() - notBeforeNanos >= 0;
    }

    /** How long until the next attempt may be made, zero when it may be made now. */
    Duration remaining() {
        return failures == 0 ? Duration.ZERO : Duration.ofNanos(Math.max(0, notBeforeNanos - System.nanoTime()));
    }

    int failures() {
        return failures;
    }
}
