package io.playstream.stream;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds; the timeout is a safety net, not a timing assertion. */
public final class Await {

    private Await() {
    }

    public static void until(BooleanSupplier condition, Duration timeout, Supplier<String> state)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout + ": " + state.get());
            }
            Thread.sleep(100);
        }
    }
}
