package io.playstream.app.run;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How long continuous mode's loader waits after a load before the next, so that while a transform
 * runs the sink's notices gather into fewer, larger loads. What a load lands during a transform
 * waits for the next transform anyway, and a load's fixed costs (its scans, the manifest, the
 * commit) are paid once per load: at 20,000 events/s, loads of a second's objects cost 43-45 us
 * a row and kept the loader busy 90% of the time; spaced by a quarter of the transform, 19-28 us a
 * row, and the loader's thread used half the CPU (README, "Loads that gather while a transform
 * runs"). With no transform running nothing waits, and a wait ends when the transform does: an
 * idle transformer takes a load at once.
 *
 * <p>The spacing is a quarter of the last transform, at most {@link #MAX_SPACING}, and only after
 * a transform of {@link #MIN_PACED_TRANSFORM} or more: behind a burst or at a high rate, where
 * gold waits for the transforms and the loads' CPU is what they lack, each load gathers seconds of
 * objects. The cost: warehouse bronze is up to that much staler, and objects announced in a
 * transform's last quarter may land after the next transform has started, and wait for the one
 * after it. For transforms of a few seconds (5,000 events/s) that cost is a large share of gold's
 * freshness: paced by a quarter, warehouse bronze's p95 went from 3.30 to 5.65 s and gold's did not
 * move, so short transforms leave loads as often as the sink flushes.
 *
 * <p>The transformer reports its transforms; the loader waits after each load. Thread-safe.
 */
final class LoadPacing {

    /** The most a load waits for the next. */
    static final Duration MAX_SPACING = Duration.ofSeconds(10);
    /** The shortest transform after which loads are paced. */
    static final Duration MIN_PACED_TRANSFORM = Duration.ofSeconds(20);

    private boolean transforming;
    private long lastTransformNanos;
    private boolean stopped;

    /** The transformer starts a transform (or a look that may become one). */
    synchronized void transformStarted() {
        transforming = true;
    }

    /** The transformer's look ended; {@code took} counts when it transformed anything. Ends a wait. */
    synchronized void transformEnded(boolean transformed, Duration took) {
        if (transformed) {
            lastTransformNanos = took.toNanos();
        }
        transforming = false;
        notifyAll();
    }

    /** Ends every wait, now and later: the loop is stopping. */
    synchronized void stop() {
        stopped = true;
        notifyAll();
    }

    /**
     * Waits, {@code sinceLoadStarted} after the loader started its last load, until the next may
     * start: the spacing is over, or the transform it waited on ended, or the loop stops.
     */
    synchronized void awaitNextLoad(Duration sinceLoadStarted) throws InterruptedException {
        long deadline = System.nanoTime() + waitAfterLoad(sinceLoadStarted).toNanos();
        long left = deadline - System.nanoTime();
        while (transforming && !stopped && left > 0) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
            left = deadline - System.nanoTime();
        }
    }

    /** How long the loader would wait now, {@code sinceLoadStarted} after it started its last load, if nothing ended the wait. */
    synchronized Duration waitAfterLoad(Duration sinceLoadStarted) {
        if (!transforming) {
            return Duration.ZERO;
        }
        Duration wait = spacing().minus(sinceLoadStarted);
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    /** A quarter of the last transform, at most {@link #MAX_SPACING}; none after a short one. */
    synchronized Duration spacing() {
        Duration last = Duration.ofNanos(lastTransformNanos);
        if (last.compareTo(MIN_PACED_TRANSFORM) < 0) {
            return Duration.ZERO;
        }
        Duration quarter = last.dividedBy(4);
        return quarter.compareTo(MAX_SPACING) > 0 ? MAX_SPACING : quarter;
    }
}
