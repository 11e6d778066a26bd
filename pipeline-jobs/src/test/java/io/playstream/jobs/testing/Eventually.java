package io.playstream.jobs.testing;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for a condition that a background server makes true; fails with what was last seen. */
public final class Eventually {

    private Eventually() {
    }

    public static <T> T await(Duration timeout, Supplier<T> probe, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout + ", last seen: " + last);
            }
            sleep(200);
            last = probe.get();
        }
        return last;
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
