package io.playstream.app.faults;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongPredicate;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The fault suite's one way of waiting: poll a condition until it holds, and say how long that took
 * (the time to recover each fault reports). The timeout is a safety net, never a timing assertion.
 */
final class Waits {

    private static final long POLL_MILLIS = 200;

    private Waits() {
    }

    /** Polls until {@code condition} holds; returns how long that took; fails with {@code state} after {@code timeout}. */
    static Duration until(BooleanSupplier condition, Duration timeout, Supplier<String> state) {
        long started = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - started > timeout.toNanos()) {
                throw new AssertionError("not reached within " + timeout + ": " + state.get());
            }
            ChildJvm.pause(POLL_MILLIS);
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Polls until {@code done} holds for the probe's value; returns how long that took. */
    static Duration until(LongSupplier probe, LongPredicate done, Duration timeout) {
        long[] last = {probe.getAsLong()};
        return until(() -> done.test(last[0] = probe.getAsLong()), timeout, () -> "last seen " + last[0]);
    }
}
