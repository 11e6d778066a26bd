package io.playstream.generate;

import java.util.concurrent.locks.LockSupport;

/**
 * Holds a caller to a rate: the n-th call to {@link #awaitNext()} returns no earlier than n / rate
 * seconds after the first. Measured from the start rather than from the previous call, so a slow
 * moment is caught up and the average rate holds.
 */
public final class Pacer {

    private final double nanosPerEvent;
    private long start = Long.MIN_VALUE;
    private long count;

    /** A pacer of {@code eventsPerSecond}; 0 never waits. */
    public Pacer(double eventsPerSecond) {
        if (!(eventsPerSecond >= 0) || Double.isInfinite(eventsPerSecond)) {
            throw new IllegalArgumentException("rate must be events per second >= 0, was " + eventsPerSecond);
        }
        this.nanosPerEvent = eventsPerSecond == 0 ? 0 : 1e9 / eventsPerSecond;
    }

    /** Waits until the next event is due. */
    public void awaitNext() {
        if (nanosPerEvent == 0) {
            return;
        }
        long now = System.nanoTime();
        if (start == Long.MIN_VALUE) {
            start = now;
        }
        long due = start + (long) (count++ * nanosPerEvent);
        while (now < due) {
            LockSupport.parkNanos(due - now);
            now = System.nanoTime();
        }
    }
}
