package io.playstream.testing;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The tests' one way of waiting for something another thread, process or server makes true: poll it until it
 * holds. The timeout is a safety net, never a timing assertion; on timeout the failure says what was last seen.
 * A fixed sleep is no substitute: too short on a loaded machine, too long everywhere else.
 */
public final class Await {

    private static final long POLL_MILLIS = 100;

    private Await() {
    }

    /** A condition that may need I/O to find out (a query, an HTTP call). */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    /** What a test looks at while it waits. */
    @FunctionalInterface
    public interface Probe<T> {
        T read() throws Exception;
    }

    /**
     * Polls until {@code condition} holds; returns how long that took (the fault suite reports it); fails
     * with {@code state} after {@code timeout}.
     */
    public static Duration until(Condition condition, Duration timeout, Supplier<String> state) {
        long started = System.nanoTime();
        while (!check(condition)) {
            if (System.nanoTime() - started > timeout.toNanos()) {
                throw new AssertionError("not reached within " + timeout + ": " + state.get());
            }
            pause();
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Reads {@code probe} until {@code done} accepts its value, and returns that value; fails with the last one seen. */
    public static <T> T await(Duration timeout, Probe<T> probe, Predicate<? super T> done) {
        long started = System.nanoTime();
        T last = read(probe);
        while (!done.test(last)) {
            if (System.nanoTime() - started > timeout.toNanos()) {
                throw new AssertionError("not reached within " + timeout + ", last seen: " + last);
            }
            pause();
            last = read(probe);
        }
        return last;
    }

    /** As {@link #await}, returning how long it took instead of the value (the fault suite reports it). */
    public static <T> Duration elapsed(Duration timeout, Probe<T> probe, Predicate<? super T> done) {
        long started = System.nanoTime();
        await(timeout, probe, done);
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static boolean check(Condition condition) {
        return read(condition::holds);
    }

    private static <T> T read(Probe<T> probe) {
        try {
            return probe.read();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        } catch (Exception e) {
            throw new IllegalStateException("the condition could not be read: " + e.getMessage(), e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
